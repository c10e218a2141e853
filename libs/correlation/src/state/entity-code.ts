/** Codes of the namespaces whose numeric ids get a numeric entity code; index = code. */
const NAMESPACES = ['', 'msisdn:', 'sender:', 'card:'] as const;
const ID_RANGE = 1e15; // up to 15 digits: every code stays below 2^53, so it is exact
const MAX_ID_DIGITS = 15;
const DIGIT_0 = 48;
const DIGIT_9 = 57;

/** First character of each namespace: one comparison rules out most namespaces before a prefix test. */
const FIRST_CHARS = NAMESPACES.map((namespace) => namespace.charCodeAt(0));

function namespaceOf(key: string): number {
  const first = key.charCodeAt(0);
  for (let code = 1; code < NAMESPACES.length; code++)
    if (first === FIRST_CHARS[code] && key.startsWith(NAMESPACES[code])) return code;
  return 0;
}

/**
 * A number standing for an entity key of the usual shape `<namespace>:<digits>` (no leading zero,
 * at most 15 digits), or 0 for any other key. Distinct keys never share a code, so a table keyed by
 * code compares two doubles where a Map compares two strings scattered over the heap.
 */
export function entityCode(key: string): number {
  const namespace = namespaceOf(key);
  if (namespace === 0) return 0;
  const from = NAMESPACES[namespace].length;
  const length = key.length - from;
  if (length < 1 || length > MAX_ID_DIGITS || key.charCodeAt(from) === DIGIT_0) return 0;
  let id = 0;
  for (let i = from; i < key.length; i++) {
    const code = key.charCodeAt(i);
    if (code < DIGIT_0 || code > DIGIT_9) return 0;
    id = id * 10 + (code - DIGIT_0);
  }
  return namespace * ID_RANGE + id;
}

/** The key a code from `entityCode` stands for (the code must not be 0). */
export function keyOfCode(code: number): string {
  const namespace = Math.floor(code / ID_RANGE);
  return `${NAMESPACES[namespace]}${code - namespace * ID_RANGE}`;
}
