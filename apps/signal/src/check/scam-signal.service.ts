import { Inject, Injectable } from '@nestjs/common';
import type { RiskPatternV1 } from '@vigil/contracts';
import type { NumberPlan } from '@vigil/ingest';
import type { AuthenticatedClient } from '../auth/authenticated-client';
import { CheckAuditLog } from '../audit/check-audit.log';
import { CamaraError } from '../http/camara-error';
import { MuleNumbersStore, type PayeeMuleStanding } from '../payee/mule-numbers.store';
import { payeeNumberDigits } from '../payee/payee-number';
import { atLeast, riskLevelOf, type RiskLevel } from '../risk/risk-level';
import { RiskStateStore } from '../risk/risk-state.store';
import { NUMBER_PLAN, SIGNAL_ENV } from '../signal.constants';
import type { SignalEnv } from '../signal.config';
import { signalMetrics } from '../signal.metrics';
import type { CheckRequest } from './check-request';
import type { CheckResponse, SignalPattern } from './check-response';
import { homeSubscriberOf } from './home-network';

const CALL_KINDS = new Set(['call_in', 'call_out']);
/** The answer's patterns, and the audit's, of the 99 % of checks that find nothing: shared, never mutated. */
const NO_PATTERNS: readonly never[] = Object.freeze([]);
/**
 * The least a mule payee raises the answer to: an analyst's approval is `high` (the transfer service holds the
 * transfer for confirmation), a detection nobody decided yet `elevated` (a hint; it may be a busy legitimate number).
 */
const PAYEE_FLOOR: Readonly<Record<PayeeMuleStanding, RiskLevel>> = {
  approved: 'high',
  undecided: 'elevated',
};
const PAYEE_MULE_CHECKS = {
  approved: signalMetrics.payeeMuleChecks.labels('approved'),
  undecided: signalMetrics.payeeMuleChecks.labels('undecided'),
};

/** Answers a check from the in-memory risk state and audits it. */
@Injectable()
export class ScamSignalService {
  constructor(
    @Inject(RiskStateStore) private readonly store: RiskStateStore,
    @Inject(MuleNumbersStore) private readonly mules: MuleNumbersStore,
    @Inject(CheckAuditLog) private readonly audit: CheckAuditLog,
    @Inject(NUMBER_PLAN) private readonly plan: NumberPlan,
    @Inject(SIGNAL_ENV) private readonly env: Pick<SignalEnv, 'SIGNAL_UNKNOWN_CALL_RECENT_MS'>,
  ) {}

  check(client: AuthenticatedClient, request: CheckRequest, nowMs = Date.now()): CheckResponse {
    if (!this.store.caughtUp)
      throw new CamaraError(
        'UNAVAILABLE',
        'Service unavailable: the risk state is still being loaded. Retry later.',
      );
    const payee = request.context?.payee;
    if (payee !== undefined && !this.mules.caughtUp)
      throw new CamaraError(
        'UNAVAILABLE',
        'Service unavailable: the mule numbers are still being loaded. Retry later.',
      );
    if (!this.audit.accepting)
      throw new CamaraError('UNAVAILABLE', 'Service unavailable: the audit trail is behind. Retry later.');
    const subscriber = homeSubscriberOf(request.phoneNumber, this.plan);
    if (subscriber === undefined)
      throw new CamaraError('IDENTIFIER_NOT_FOUND', 'The phoneNumber is not a subscriber of this network.');
    const view = this.store.view(subscriber);
    const listed =
      view.openPatterns.length === 0 && view.endedPatterns.length === 0
        ? NO_PATTERNS
        : [...view.openPatterns, ...view.endedPatterns.filter((pattern) => pattern.ending === 'completed')];
    const payeeStanding = payee === undefined ? undefined : this.payeeStandingOf(payee, nowMs);
    const riskLevel =
      payeeStanding === undefined
        ? riskLevelOf(view.openPatterns, view.endedPatterns)
        : atLeast(riskLevelOf(view.openPatterns, view.endedPatterns), PAYEE_FLOOR[payeeStanding]);
    const response: CheckResponse = {
      riskLevel,
      openPatterns: listed.length === 0 ? NO_PATTERNS : listed.map(toSignalPattern),
      inCallWithUnknownNumberRecently: listed.some((pattern) =>
        // Measured on event time: a replayed or delayed stream is judged in its own time, like the patterns.
        this.unknownCallEndedRecently(pattern, Number.isFinite(view.eventTimeMs) ? view.eventTimeMs : nowMs),
      ),
      assessedAt: new Date(nowMs).toISOString(),
      stateAsOf: new Date(view.stateAsOfMs).toISOString(),
    };
    if (payee !== undefined) response.payeeKnownMule = payeeStanding !== undefined;
    signalMetrics.checks.inc({ client: client.clientId, answer: riskLevel });
    signalMetrics.stateAgeSeconds.observe(Math.max(0, nowMs - view.stateAsOfMs) / 1000);
    this.audit.record({
      clientId: client.clientId,
      purpose: client.tokenPurpose,
      phoneNumber: request.phoneNumber,
      status: 200,
      outcome: riskLevel,
      riskLevel,
      openPatterns:
        listed.length === 0
          ? NO_PATTERNS
          : response.openPatterns.map(({ typology, stage }) => ({ typology, stage })),
      stateAsOf: response.stateAsOf,
      checkedAt: response.assessedAt,
    });
    return response;
  }

  private payeeStandingOf(payee: string, nowMs: number): PayeeMuleStanding | undefined {
    const digits = payeeNumberDigits(payee, this.plan);
    const standing = digits === undefined ? undefined : this.mules.standingOf(digits, nowMs);
    if (standing !== undefined) PAYEE_MULE_CHECKS[standing].inc();
    return standing;
  }

  /** A pattern that began with an answered call from a number the subscriber never exchanged with, ended lately. */
  private unknownCallEndedRecently(pattern: RiskPatternV1, atMs: number): boolean {
    if (pattern.firstStepKind === undefined || !CALL_KINDS.has(pattern.firstStepKind)) return false;
    const endedAt = Date.parse(pattern.firstStepEndedAt ?? pattern.since);
    return atMs - endedAt <= this.env.SIGNAL_UNKNOWN_CALL_RECENT_MS;
  }
}

function toSignalPattern(pattern: RiskPatternV1): SignalPattern {
  return {
    typology: pattern.typology,
    stage: pattern.ending === 'completed' ? 'completed' : pattern.stage,
    since: pattern.since,
    lastEventAt: pattern.lastEventAt,
  };
}
