import { parse } from 'tldts';
import { MAX_FEATURE_STRING_LENGTH, MAX_URL_DOMAINS } from '../ingest.constants';

// Building blocks of the candidate pattern. Text is lower-cased before matching, so only lower case appears here.
// Explicit Latin + Cyrillic (Kazakh included) ranges instead of \p{L}: without the "u" flag the pattern runs
// about six times faster, and domains in other scripts do not reach this operator's subscribers.
const CHAR = '[a-z0-9\\u0400-\\u04ff]';
const CHAR_OR_HYPHEN = '[a-z0-9\\u0400-\\u04ff-]';
const LABEL = `${CHAR}${CHAR_OR_HYPHEN}*`;
// Unambiguous dots, plain or obfuscated: "." "[.]" "(.)" "{.}" "[dot]" "(dot)".
const TIGHT_DOT = '(?:\\.|\\s?(?:\\[\\.\\]|\\(\\.\\)|\\{\\.\\}|\\[dot\\]|\\(dot\\))\\s?)';
// After a scheme the text is a link for sure, so a space after a dot is a typo inside the host ("wap. site.com").
const HOST_DOT = `(?:${TIGHT_DOT}|\\.\\s)`;
// Well-formed and broken schemes: "http://", "http:/", "http:///", "http:host", "hxxps://".
const SCHEME = 'h[tx]{2}ps?\\s?:\\s?[/\\\\]{0,3}\\s?';
// "http://winner@host": what stands before "@" is user info, not the host.
const USER_INFO = '(?:[^\\s/@]{1,64}@)?';
const END = `(?!${CHAR_OR_HYPHEN})`;

const OBFUSCATED_DOT = /\s*(?:\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\sdot\s|\.)\s*/g;
const WWW_PREFIX = /^www\d?\./;
const EDGE_JUNK = /^[.-]+|[.-]+$/g;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const HAS_HYPHEN_OR_DIGIT = /[-0-9]/;
const HOST = /^[a-z0-9\u0400-\u04ff.-]+$/;
/**
 * What a masked host ("www.×××××") is reported as: the mask says "a link was here" and must not carry whatever
 * else stands in its place into the features.
 */
export const MASKED_HOST = 'masked.invalid';
/** Candidate verdicts kept per pattern before the cache starts over. */
const MAX_CACHED_VERDICTS = 10_000;

/** What `url:` in `lexicons.yaml` configures; domain validity itself comes from the Public Suffix List. */
export interface UrlOptions {
  /** Generic TLDs accepted in bare domains (no scheme, no www); two-letter country TLDs always are. */
  readonly bareTopLevelDomains: readonly string[];
  /** TLDs that are also words ("in", "top"): a bare domain under one needs a hyphen, a digit, a subdomain or a path. */
  readonly wordLikeTopLevelDomains: readonly string[];
  /** TLDs accepted after a spaced dot ("kcell . kz", "kcell dot kz"), an obfuscation and not a sentence end. */
  readonly spacedDotTopLevelDomains: readonly string[];
  /** Hosts or registrable domains of link shorteners. */
  readonly shorteners: readonly string[];
}

/** The precompiled URL candidate pattern and the sets it is validated with. */
export interface UrlPattern {
  readonly pattern: RegExp;
  /** A cheap test every link form passes (a dot between name characters, a scheme, www, a spaced TLD). */
  readonly prefilter: RegExp;
  /** Verdicts of recently seen candidates: one campaign mails the same link to thousands of recipients. */
  readonly verdicts: Map<string, string | null>;
  readonly bareTopLevelDomains: ReadonlySet<string>;
  readonly wordLikeTopLevelDomains: ReadonlySet<string>;
  readonly shorteners: ReadonlySet<string>;
}

const lowerSet = (list: readonly string[]): Set<string> => new Set(list.map((item) => item.toLowerCase()));

/**
 * Compiles the candidate pattern: links with a scheme (also broken or `hxxp`), `www.` hosts, bare dotted names
 * and names with spaced dots before an obfuscation TLD. Candidates are validated against the Public Suffix List.
 */
export function compileUrlPattern(options: UrlOptions): UrlPattern {
  const spaced = [...options.spacedDotTopLevelDomains]
    .map((tld) => tld.toLowerCase())
    .sort((a, b) => b.length - a.length)
    .join('|');
  // "://" is a link whatever stands before it: schemes are defanged in warnings and mangled by senders
  // ("ht{brake!}tps://rb.gy/x", "hxxp[://]").
  const withScheme = `(?:${SCHEME}|:\\/\\/\\s?)${USER_INFO}(${LABEL}(?:${HOST_DOT}${LABEL})*)`;
  // A masked host ("www.×××××") is still a link the text asks to follow.
  const withWww = `(?<!${CHAR})(www\\d?${TIGHT_DOT}(?:${LABEL}(?:${TIGHT_DOT}${LABEL})*|[^\\s/]+))`;
  // A bare name must not continue an e-mail address, a path or a longer word.
  const bare = `(?<![a-z0-9\\u0400-\\u04ff@./-])((?:${LABEL}${TIGHT_DOT})+${LABEL})${END}`;
  const spacedAlternatives =
    spaced === ''
      ? ''
      : `|(?<![a-z0-9\\u0400-\\u04ff@./-])(${LABEL}(?:\\s?\\.\\s?|\\s+dot\\s+)(?:${spaced}))${END}`;
  const obfuscatedDot = '\\[\\.\\]|\\(\\.\\)|\\{\\.\\}|\\[dot\\]|\\(dot\\)';
  const spacedTld = spaced === '' ? '' : `|(?:\\s\\.\\s?|\\.\\s|\\sdot\\s+)(?:${spaced})${END}`;
  return {
    pattern: new RegExp(`${withScheme}|${withWww}|${bare}${spacedAlternatives}`, 'g'),
    prefilter: new RegExp(`${CHAR}\\.${CHAR}|${obfuscatedDot}|www|h[tx]{2}ps?\\s?:|:\\/\\/${spacedTld}`),
    verdicts: new Map(),
    bareTopLevelDomains: lowerSet(options.bareTopLevelDomains),
    wordLikeTopLevelDomains: lowerSet(options.wordLikeTopLevelDomains),
    shorteners: lowerSet(options.shorteners),
  };
}

/** Turns a matched host back into a plain host: obfuscated dots become dots, spaces and `www.` go. */
export function deobfuscateDomain(host: string): string {
  const domain = host.replace(OBFUSCATED_DOT, '.').replace(WWW_PREFIX, '').replace(EDGE_JUNK, '');
  return domain.length > MAX_FEATURE_STRING_LENGTH ? domain.slice(0, MAX_FEATURE_STRING_LENGTH) : domain;
}

/** The longest prefix of `host` (whole labels) that ends in a known public suffix, or undefined. */
function validPrefix(host: string): string | undefined {
  let candidate = host;
  for (;;) {
    const parsed = parse(candidate);
    if (parsed.isIcann === true && parsed.domain !== null) return candidate;
    const lastDot = candidate.lastIndexOf('.');
    if (lastDot <= 0) return undefined;
    candidate = candidate.slice(0, lastDot);
  }
}

function isAcceptedBare(host: string, followedByPath: boolean, compiled: UrlPattern): boolean {
  const parsed = parse(host);
  if (parsed.isIcann !== true || parsed.domain === null || parsed.publicSuffix === null) return false;
  const suffix = parsed.publicSuffix;
  const topLevel = suffix.slice(suffix.lastIndexOf('.') + 1);
  // A multi-label suffix (co.uk, gov.kz) is never a sentence seam.
  const known = suffix.includes('.') || topLevel.length === 2 || compiled.bareTopLevelDomains.has(topLevel);
  if (!known) return false;
  if (!compiled.wordLikeTopLevelDomains.has(topLevel) || suffix.includes('.')) return true;
  // "the lottery.top up" is two words glued together; "kce11-bonus.top", "a.b.top/x" are links.
  return (
    followedByPath || parsed.subdomain !== '' || HAS_HYPHEN_OR_DIGIT.test(parsed.domainWithoutSuffix ?? '')
  );
}

/** The domain a candidate stands for, or undefined when it is no link (`kind` is the pattern alternative). */
function domainOf(
  kind: number,
  raw: string,
  followedByPath: boolean,
  compiled: UrlPattern,
): string | undefined {
  const host = deobfuscateDomain(raw);
  if (host === '') return undefined;
  if (kind === 3 || kind === 4) return isAcceptedBare(host, followedByPath, compiled) ? host : undefined;
  if (IPV4.test(host)) return host;
  if (!HOST.test(host)) return MASKED_HOST;
  // After a scheme or www the text is a link whatever follows: keep the valid part, else the host as written.
  return validPrefix(host) ?? host;
}

/**
 * Domains (hosts without `www.`) of the links in lower-cased text, deobfuscated, distinct, in order of appearance,
 * at most MAX_URL_DOMAINS. An empty list means the text holds no link.
 */
export function extractUrlDomains(lowerText: string, compiled: UrlPattern): string[] {
  const domains: string[] = [];
  // Sentence ends, decimals and slashes alone are no link: most texts are ruled out without the full pattern.
  if (!compiled.prefilter.test(lowerText)) return domains;
  const { pattern } = compiled;
  pattern.lastIndex = 0;
  let match: RegExpExecArray | null;
  while (domains.length < MAX_URL_DOMAINS && (match = pattern.exec(lowerText)) !== null) {
    let kind = 1;
    while (kind < 5 && match[kind] === undefined) kind++;
    if (kind === 5) continue;
    const followedByPath = lowerText.charCodeAt(match.index + match[0].length) === 47; // "/"
    const key = `${kind}${followedByPath ? '/' : ' '}${match[kind]}`;
    let verdict = compiled.verdicts.get(key);
    if (verdict === undefined) {
      verdict = domainOf(kind, match[kind], followedByPath, compiled) ?? null;
      // Cleared rather than evicted one by one: simple, bounded, and a cold cache only costs a recomputation.
      if (compiled.verdicts.size >= MAX_CACHED_VERDICTS) compiled.verdicts.clear();
      compiled.verdicts.set(key, verdict);
    }
    const domain = verdict ?? undefined;
    if (domain !== undefined && !domains.includes(domain)) domains.push(domain);
  }
  return domains;
}

/** Whether a domain is a link shortener's: the host itself or one of its parent domains is listed. */
export function isShortenerDomain(domain: string, compiled: UrlPattern): boolean {
  // Walking up the labels needs no suffix list: a listed shortener is itself a registrable domain or a host.
  for (let start = 0; start !== -1; start = domain.indexOf('.', start) + 1 || -1) {
    if (compiled.shorteners.has(start === 0 ? domain : domain.slice(start))) return true;
  }
  return false;
}
