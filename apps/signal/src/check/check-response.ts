import type { RiskLevel } from '../risk/risk-level';

/** One pattern as a partner sees it: no rule internals, no counterparty, no content. */
export interface SignalPattern {
  typology: string;
  stage: string;
  since: string;
  lastEventAt: string;
}

/** The answer of `POST /scam-signal/v1/check`. */
export interface CheckResponse {
  riskLevel: RiskLevel;
  openPatterns: readonly SignalPattern[];
  inCallWithUnknownNumberRecently: boolean;
  assessedAt: string;
  stateAsOf: string;
  /**
   * Only when the check names a `context.payee`: whether it is a number Vigil knows as a mule (approved for
   * blocking by an analyst, or found by detection and not decided yet). Nothing else about the number is told.
   */
  payeeKnownMule?: boolean;
}
