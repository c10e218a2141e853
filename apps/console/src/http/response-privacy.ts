import { maskParty, maskPhoneNumbersInText } from '@vigil/contracts';

/** Fields whose values are parties (a number, a sender, a card token): masked as a whole when they are numbers. */
const PARTY_FIELDS = new Set([
  'entity',
  'counterparty',
  'counterparties',
  'subscriber',
  'sender',
  'number',
  'victim',
]);
/** Free-text fields, and features derived from messages: numbers inside them are masked. */
const TEXT_FIELDS = new Set(['explanation', 'note', 'features']);

type Masker = (value: string) => string;

/**
 * A response body with every field known to hold a number masked under the privacy rule: party fields whole,
 * texts where a number appears in them. Everything else (ids, counts, metrics) is returned as it is, so an alert id
 * or a byte count that happens to contain a digit run is never altered. A safety net: stored data is masked already.
 */
export function maskNumberFields(body: unknown): unknown {
  return walk(body, undefined, 0);
}

function walk(value: unknown, masker: Masker | undefined, depth: number): unknown {
  if (typeof value === 'string') return masker ? masker(value) : value;
  if (depth > 12 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => walk(item, masker, depth + 1));
  const masked: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const own = PARTY_FIELDS.has(key) ? maskParty : TEXT_FIELDS.has(key) ? maskPhoneNumbersInText : undefined;
    masked[key] = walk(item, own ?? masker, depth + 1);
  }
  return masked;
}
