import { maskParty, maskPhoneNumbersInText } from '@vigil/contracts';

/**
 * Masks for logs and displays, under the one privacy rule of `@vigil/contracts` (8–15 digits however formatted,
 * shown as `***` and the last two digits).
 */
export { maskParty as maskMsisdn, maskPhoneNumbersInText as maskMsisdnsInText };

/**
 * Fields that hold ids, offsets or counters, never a party: their digit runs are not numbers (a Kafka offset
 * passes 8 digits soon enough) and stay as they are, so a log line still points at its record.
 */
function isIdOrCounterField(key: string): boolean {
  return (
    key === 'id' ||
    key.endsWith('Id') ||
    key.endsWith('Ids') ||
    key.endsWith('_id') ||
    /offset|watermark/i.test(key) ||
    key === 'lag' ||
    key === 'partition'
  );
}

/**
 * Returns a copy of a log record with the phone numbers in every string masked (and each string passed through
 * `scrubText`, e.g. credential scrubbing), except in fields that name ids, offsets or counters. A safety net under
 * the rule that code never logs full numbers: a slip still does not leak one. Logs only: API responses mask the
 * fields known to hold numbers instead, so ids and metrics are never altered there.
 */
export function maskMsisdnsDeep(
  value: unknown,
  depth = 0,
  scrubText: (text: string) => string = (text) => text,
): unknown {
  if (typeof value === 'string') return scrubText(maskPhoneNumbersInText(value));
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => maskMsisdnsDeep(item, depth + 1, scrubText));
  if (value instanceof Error)
    return { name: value.name, message: scrubText(maskPhoneNumbersInText(value.message)) };
  const masked: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value))
    masked[key] =
      isIdOrCounterField(key) && typeof item === 'string'
        ? scrubText(item)
        : maskMsisdnsDeep(item, depth + 1, scrubText);
  return masked;
}
