import type { PartyClass } from '@vigil/contracts';

/** A party of a raw event after normalization: its canonical id and its class under the number plan. */
export interface Party {
  /**
   * Canonical id: international digits without "+" (77011234567) for numbers, the digits for short numbers,
   * the lower-cased id for alphanumeric senders (kcell), `anonymous` for hidden callers.
   */
  readonly id: string;
  readonly class: PartyClass;
}

/** The home network's number plan, compiled from `number-plan.yaml`. */
export interface NumberPlan {
  readonly countryCode: string;
  readonly trunkPrefix: string;
  readonly internationalPrefix: string;
  readonly nationalNumberDigits: number;
  readonly internationalMinDigits: number;
  readonly homePrefixes: readonly string[];
  readonly shortNumberMinDigits: number;
  readonly shortNumberMaxDigits: number;
  readonly premiumShortNumber: RegExp;
  /** Canonical ids of official senders and allow-listed bulk senders. */
  readonly allowListedSenderIds: ReadonlySet<string>;
  /** Lower-cased aliases of "no number presented". */
  readonly anonymousAliases: ReadonlySet<string>;
}
