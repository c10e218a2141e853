import { blocklistEntryV1, blocklistProposalV1, subscriberRiskV1 } from '@vigil/contracts';
import { openPrizeCodeTheft } from '@vigil/contracts/testing';
import { loadIngestConfig } from '@vigil/ingest';
import type { CheckAuditEntry, CheckAuditLog } from '../audit/check-audit.log';
import type { AuthenticatedClient } from '../auth/authenticated-client';
import { CamaraError } from '../http/camara-error';
import { MuleNumbersStore } from '../payee/mule-numbers.store';
import { RiskStateStore } from '../risk/risk-state.store';
import { ScamSignalService } from './scam-signal.service';

const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const DAY = 24 * 3_600_000;
const SUBSCRIBER = '+77011234567';
const APPROVED_MULE = '77471234567';
const UNDECIDED_MULE = '77477654321';
const CLIENT: AuthenticatedClient = {
  clientId: 'bank',
  scopes: ['scam-signal:check'],
  purpose: 'fraud-prevention',
  rateLimitPerMinute: 600,
  tokenPurpose: 'fraud-prevention',
};
const payment = (payee: string) => ({ transactionId: 'tx-1', amount: 25_000, currency: 'KZT', payee });

function setUp(muleNumbersRead = true) {
  const risk = new RiskStateStore();
  risk.markCaughtUp(NOW);
  const mules = new MuleNumbersStore({ maxNumbers: 100, undecidedMaxAgeMs: 30 * DAY });
  mules.applyBlocklistRecord(
    `msisdn:${APPROVED_MULE}`,
    blocklistEntryV1.serialize({
      number: `msisdn:${APPROVED_MULE}`,
      role: 'mule',
      proposalId: 'p-1',
      campaignId: 'campaign-secret-1',
      approvedBy: 'analyst@op',
      approvedAt: new Date(NOW - DAY).toISOString(),
      reason: 'transfers from 8 strangers',
      expiresAt: new Date(NOW + DAY).toISOString(),
    }),
    NOW,
  );
  mules.applyProposalRecord(
    `msisdn:${UNDECIDED_MULE}`,
    blocklistProposalV1.serialize({
      proposalId: 'p-2',
      number: `msisdn:${UNDECIDED_MULE}`,
      role: 'mule',
      campaignId: 'campaign-secret-2',
      findingId: 'f-2',
      victimsCount: 8,
      score: 0.9,
      evidenceAlertIds: [],
      proposedAt: new Date(NOW - DAY).toISOString(),
      status: 'pending',
    }),
    NOW,
  );
  if (muleNumbersRead) {
    mules.markSourceCaughtUp();
    mules.markSourceCaughtUp();
  }
  const audited: CheckAuditEntry[] = [];
  // The audit's ClickHouse writer is tested on its own; here only what a check hands it matters.
  const audit = { accepting: true, record: (entry: CheckAuditEntry) => audited.push(entry) };
  const service = new ScamSignalService(
    risk,
    mules,
    audit as unknown as CheckAuditLog,
    loadIngestConfig('config/ingest').numberPlan,
    { SIGNAL_UNKNOWN_CALL_RECENT_MS: 30 * 60_000 },
  );
  return { service, risk, mules, audited };
}

describe(ScamSignalService.name, () => {
  it('answers no payee field when the check names no payee', () => {
    const { service } = setUp();
    const answer = service.check(CLIENT, { phoneNumber: SUBSCRIBER }, NOW);
    expect(answer.riskLevel).toBe('none');
    expect(answer).not.toHaveProperty('payeeKnownMule');
  });

  it.each([
    [`+${APPROVED_MULE}`],
    [APPROVED_MULE],
    [`8${APPROVED_MULE.slice(1)}`],
    [`msisdn:${APPROVED_MULE}`],
  ])('raises a payee %s approved as a mule to high, telling nothing else', (payee) => {
    const { service, audited } = setUp();
    const answer = service.check(CLIENT, { phoneNumber: SUBSCRIBER, context: payment(payee) }, NOW);
    expect(answer.riskLevel).toBe('high');
    expect(answer.payeeKnownMule).toBe(true);
    expect(JSON.stringify(answer)).not.toMatch(/campaign|analyst|strangers|7747/);
    expect(audited[0].riskLevel).toBe('high');
  });

  it('raises a payee found as a mule but not decided yet to elevated', () => {
    const { service } = setUp();
    const answer = service.check(
      CLIENT,
      { phoneNumber: SUBSCRIBER, context: payment(`+${UNDECIDED_MULE}`) },
      NOW,
    );
    expect(answer).toMatchObject({ riskLevel: 'elevated', payeeKnownMule: true });
  });

  it('never lowers the subscriber’s own risk, and answers false for any other payee or an expired mule', () => {
    const { service, risk } = setUp();
    risk.apply(
      'msisdn:77011234567',
      subscriberRiskV1.serialize({
        subscriber: 'msisdn:77011234567',
        partition: 0,
        updatedAt: new Date(NOW).toISOString(),
        eventTime: new Date(NOW).toISOString(),
        openPatterns: [
          openPrizeCodeTheft({
            earlyWarningReached: true,
            expiresAt: new Date(NOW + 60_000).toISOString(),
          }),
        ],
        endedPatterns: [],
      }),
    );
    const withMule = service.check(CLIENT, { phoneNumber: SUBSCRIBER, context: payment(APPROVED_MULE) }, NOW);
    expect(withMule).toMatchObject({ riskLevel: 'critical', payeeKnownMule: true });
    for (const payee of ['acct-4411', '+77470000000', '4444']) {
      const other = service.check(CLIENT, { phoneNumber: SUBSCRIBER, context: payment(payee) }, NOW);
      expect(other).toMatchObject({ riskLevel: 'critical', payeeKnownMule: false });
    }
    const { service: later } = setUp();
    const expired = later.check(
      CLIENT,
      { phoneNumber: SUBSCRIBER, context: payment(APPROVED_MULE) },
      NOW + DAY,
    );
    expect(expired).toMatchObject({ riskLevel: 'none', payeeKnownMule: false });
  });

  it('refuses a check with a payee while the mule numbers are still being read', () => {
    const { service, mules } = setUp(false);
    expect(mules.caughtUp).toBe(false);
    expect(() =>
      service.check(CLIENT, { phoneNumber: SUBSCRIBER, context: payment(APPROVED_MULE) }, NOW),
    ).toThrow(CamaraError);
    expect(service.check(CLIENT, { phoneNumber: SUBSCRIBER }, NOW).riskLevel).toBe('none');
    mules.markSourceCaughtUp();
    mules.markSourceCaughtUp();
    expect(
      service.check(CLIENT, { phoneNumber: SUBSCRIBER, context: payment(APPROVED_MULE) }, NOW),
    ).toMatchObject({ payeeKnownMule: true });
  });
});
