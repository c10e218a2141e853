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
}
