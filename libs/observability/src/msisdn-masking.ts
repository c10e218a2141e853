const MSISDN_PATTERN = /(?<!\d)(\d{4})\d{3,8}(\d{4})(?!\d)/g;

/** `77011234567` → `7701***4567`: enough for an analyst to tell numbers apart, not enough to dial one. */
export function maskMsisdn(msisdn: string): string {
  const digits = msisdn.replace(/^msisdn:/, '');
  if (!/^\d{10,15}$/.test(digits)) return msisdn;
  return `${msisdn.startsWith('msisdn:') ? 'msisdn:' : ''}${digits.slice(0, 4)}***${digits.slice(-4)}`;
}

/** Masks every run of 11–16 digits inside a text (numbers that may be subscribers' MSISDNs). */
export function maskMsisdnsInText(text: string): string {
  return text.replace(MSISDN_PATTERN, '$1***$2');
}

/**
 * Returns a copy of a log record with every string value's MSISDN-like digit runs masked. A safety net under the
 * rule that code never logs full numbers: a slip still does not leak one.
 */
export function maskMsisdnsDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskMsisdnsInText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => maskMsisdnsDeep(item, depth + 1));
  if (value instanceof Error) return { name: value.name, message: maskMsisdnsInText(value.message) };
  const masked: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) masked[key] = maskMsisdnsDeep(item, depth + 1);
  return masked;
}
