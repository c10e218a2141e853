import { MAX_FEATURE_STRING_LENGTH, MAX_URL_DOMAINS } from '../ingest.constants';

// Building blocks of the URL pattern. Text is lower-cased before matching, so only lower case appears here.
// Explicit Latin + Cyrillic (Kazakh included) ranges instead of \p{L}: without the "u" flag the pattern runs
// about six times faster, and domains in other scripts do not reach this operator's subscribers.
const CHAR = '[a-z0-9\\u0400-\\u04ff]';
const CHAR_OR_HYPHEN = '[a-z0-9\\u0400-\\u04ff-]';
// No length cap or trailing-hyphen rule: a greedy run backtracks cheaply, and a sloppy label is still a URL.
const LABEL = `${CHAR}${CHAR_OR_HYPHEN}*`;
// Unambiguous dots, plain or obfuscated: "." "[.]" "(.)" "{.}" "[dot]" "(dot)".
const TIGHT_DOT = '(?:\\.|\\s?(?:\\[\\.\\]|\\(\\.\\)|\\{\\.\\}|\\[dot\\]|\\(dot\\))\\s?)';
// Spaced dots ("kcell . kz", "kcell dot kz") count only before a known TLD; a space after the dot alone is how
// sentences end, so that form is not accepted before word-like TLDs ("the lottery. Top up").
const LOOSE_DOT = `(?:\\s?${TIGHT_DOT}\\s?|\\s+dot\\s+)`;
const SPACE_BEFORE_DOT = `(?:\\s?${TIGHT_DOT}|\\s+dot\\s+)`;
const END = `(?!${CHAR_OR_HYPHEN})`;
const SCHEME = 'h[tx]{2}ps?\\s?:\\s?/\\s?/\\s?';

const OBFUSCATED_DOT = /\s*(?:\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\s dot\s|\.)\s*/g;
const WWW_PREFIX = /^www\d?\./;

/** The precompiled URL pattern for a set of top-level domains. */
export interface UrlPattern {
  readonly pattern: RegExp;
}

/**
 * Compiles the URL pattern: URLs with a scheme (also `hxxp`, `hxxps`), `www.` hosts, and bare domains whose
 * top-level domain is in `topLevelDomains` (kcell-bonus.kz/win), each with plain or obfuscated dots.
 */
export function compileUrlPattern(
  topLevelDomains: readonly string[],
  wordLikeTopLevelDomains: readonly string[] = [],
): UrlPattern {
  const alternation = (list: readonly string[]): string =>
    [...list]
      .map((tld) => tld.toLowerCase())
      .sort((a, b) => b.length - a.length)
      .join('|');
  const wordLike = new Set(wordLikeTopLevelDomains.map((tld) => tld.toLowerCase()));
  const plain = topLevelDomains.filter((tld) => !wordLike.has(tld.toLowerCase()));
  const tldAlternatives: string[] = [];
  if (plain.length > 0) tldAlternatives.push(`${LOOSE_DOT}(?:${alternation(plain)})`);
  if (wordLike.size > 0) tldAlternatives.push(`${SPACE_BEFORE_DOT}(?:${alternation([...wordLike])})`);
  const tldEnd = tldAlternatives.length > 0 ? `(?:(?:${tldAlternatives.join('|')})${END})` : '(?!)';
  const withScheme = `${SCHEME}(${LABEL}(?:${TIGHT_DOT}${LABEL})*${tldEnd}?)`;
  const withWww = `(?<!${CHAR})(www\\d?${TIGHT_DOT}${LABEL}(?:${TIGHT_DOT}${LABEL})*${tldEnd}?)`;
  // A bare domain must not continue an e-mail address, a path or a longer word.
  const bare = `(?<![a-z0-9\\u0400-\\u04ff@./-])((?:${LABEL}${TIGHT_DOT})*${LABEL}${tldEnd})`;
  return { pattern: new RegExp(`${withScheme}|${withWww}|${bare}`, 'g') };
}

/** Turns a matched host back into a plain domain: obfuscated dots become dots, spaces and `www.` go. */
export function deobfuscateDomain(host: string): string {
  const domain = host.replace(OBFUSCATED_DOT, '.').replace(WWW_PREFIX, '');
  return domain.length > MAX_FEATURE_STRING_LENGTH ? domain.slice(0, MAX_FEATURE_STRING_LENGTH) : domain;
}

/**
 * Domains of the URLs in lower-cased text, deobfuscated, distinct, in order of appearance, at most
 * MAX_URL_DOMAINS. An empty list means the text holds no URL.
 */
export function extractUrlDomains(lowerText: string, compiled: UrlPattern): string[] {
  const domains: string[] = [];
  // Every URL form needs a dot, the word "dot" or a slash: most chat texts are ruled out without the regex.
  if (lowerText.indexOf('.') === -1 && lowerText.indexOf('/') === -1 && lowerText.indexOf('dot') === -1)
    return domains;
  const { pattern } = compiled;
  pattern.lastIndex = 0;
  let match: RegExpExecArray | null;
  while (domains.length < MAX_URL_DOMAINS && (match = pattern.exec(lowerText)) !== null) {
    const host = match[1] ?? match[2] ?? match[3];
    if (host === undefined) continue;
    const domain = deobfuscateDomain(host);
    if (domain !== '' && !domains.includes(domain)) domains.push(domain);
  }
  return domains;
}
