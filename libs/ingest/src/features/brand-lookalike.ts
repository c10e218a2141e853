import type { BrandsFile } from '../config/ingest-config.schema';
import { foldForMatching } from '../text/text-folding';

// Digit and symbol swaps seen in look-alike domains (kce11, 4ctiv, be3line), applied after homoglyph folding.
// "i" and "l" fold together too: kceii and kcell read alike in most fonts.
const LEET: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'l',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '@': 'a',
  $: 's',
  '!': 'l',
  i: 'l',
  '|': 'l',
};
const LEET_CHARS = /[0-9@$!i|]/g;
const DIGIT_PAIRS = /rn|vv/g;
const TOKEN_SEPARATORS = /[-_]+/g;
const EDGE_DIGITS = /^[0-9]+|[0-9]+$/g;

/** One brand with its matching skeleton. */
export interface CompiledBrand {
  readonly name: string;
  readonly skeleton: string;
  readonly distinctive: boolean;
  /** Distinctive brands of 5+ letters and no digits also match with one typo. */
  readonly typoTolerant: boolean;
}

/** Brands and official domains, compiled from `brands.yaml`. */
export interface BrandCatalogue {
  readonly brands: readonly CompiledBrand[];
  /** Official domains of every brand, lower-cased; their subdomains are official too. */
  readonly officialDomains: readonly string[];
  /** Verdicts of recently seen domains: one phishing domain is usually mailed to thousands of recipients. */
  readonly verdicts: Map<string, boolean>;
}

/** Verdicts kept per catalogue before the cache starts over. */
const MAX_CACHED_VERDICTS = 10_000;

/**
 * The skeleton two look-alike strings share: lower-cased, homoglyphs folded, digits and symbols read as
 * letters, "rn" read as "m" and "vv" as "w". Digits that are part of a brand name (tele2) keep their meaning
 * only through the brand's own skeleton, which is computed the same way.
 */
export function brandSkeleton(text: string): string {
  return foldForMatching(text.toLowerCase())
    .replace(DIGIT_PAIRS, (pair) => (pair === 'rn' ? 'm' : 'w'))
    .replace(LEET_CHARS, (char) => LEET[char] ?? char);
}

/** Compiles the validated `brands.yaml` document. */
export function compileBrandCatalogue(doc: BrandsFile): BrandCatalogue {
  return {
    brands: doc.brands.map((brand) => ({
      name: brand.name.toLowerCase(),
      skeleton: brandSkeleton(brand.name),
      distinctive: brand.distinctive,
      typoTolerant: brand.distinctive && brand.name.length >= 5 && !/[0-9]/.test(brand.name),
    })),
    officialDomains: doc.brands.flatMap((brand) =>
      brand.officialDomains.map((domain) => domain.toLowerCase()),
    ),
    verdicts: new Map(),
  };
}

/** Whether the domain is an official domain or a subdomain of one. */
export function isOfficialDomain(domain: string, catalogue: BrandCatalogue): boolean {
  return catalogue.officialDomains.some((official) => domain === official || domain.endsWith(`.${official}`));
}

function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (a.length < b.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

interface LabelSkeletons {
  /** The label without hyphens, folded: k-cell and mykcell-bonus name kcell. */
  readonly joined: string;
  /** Each hyphen-separated token, folded whole and without leading/trailing digits (activ2024). */
  readonly tokens: ReadonlyArray<{
    readonly whole: string;
    readonly trimmed: string;
    readonly trimmedLength: number;
  }>;
}

// Skeletons are computed once per label and then compared with every brand.
function labelSkeletons(domain: string): LabelSkeletons[] {
  return domain.split('.').map((label) => ({
    joined: brandSkeleton(label.replace(TOKEN_SEPARATORS, '')),
    tokens: label
      .split(TOKEN_SEPARATORS)
      .filter((token) => token !== '')
      .map((token) => {
        const trimmed = token.replace(EDGE_DIGITS, '');
        return {
          whole: brandSkeleton(token),
          trimmed: brandSkeleton(trimmed),
          trimmedLength: trimmed.length,
        };
      }),
  }));
}

function namesBrand(labels: readonly LabelSkeletons[], brand: CompiledBrand): boolean {
  for (const label of labels) {
    // Hyphens split a brand only inside a label (k-cell.kz); joining across dots would invent brands (buck.cellar).
    if (brand.distinctive && label.joined.includes(brand.skeleton)) return true;
    for (const token of label.tokens) {
      if (token.whole === brand.skeleton || token.trimmed === brand.skeleton) return true;
      // One typo (kcel, kcelll) still names a distinctive, letters-only brand; short tokens would match too much.
      if (brand.typoTolerant && token.trimmedLength >= 4 && withinOneEdit(token.trimmed, brand.skeleton))
        return true;
    }
  }
  return false;
}

/**
 * Whether a domain names a configured brand (also through homoglyphs, digit swaps or one typo for distinctive
 * brands) without being an official domain or a subdomain of one: kcell-bonus.kz, kce11.top, kcell.kz.win.
 */
export function isBrandLookalikeDomain(domain: string, catalogue: BrandCatalogue): boolean {
  const cached = catalogue.verdicts.get(domain);
  if (cached !== undefined) return cached;
  let verdict = false;
  if (!isOfficialDomain(domain, catalogue)) {
    const labels = labelSkeletons(domain);
    verdict = catalogue.brands.some((brand) => namesBrand(labels, brand));
  }
  // Cleared rather than evicted one by one: simple, bounded, and a cold cache only costs a recomputation.
  if (catalogue.verdicts.size >= MAX_CACHED_VERDICTS) catalogue.verdicts.clear();
  catalogue.verdicts.set(domain, verdict);
  return verdict;
}
