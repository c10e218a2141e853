import type { AlertV1, EntityEventV1 } from '@vigil/contracts';
import type { SinkBatch } from '../sink/analytics-sink';

/** Test data for the analytics schema: two subscribers, a scammer, a bulk smishing sender, three alerts. */
export const fixtureNumbers = {
  victim: '77011234567',
  other: '77027654321',
  scammer: '77751112233',
  bulkSender: '77789990000',
} as const;

/** Start of the fixture's hour; every fixture event lies within [base, base + 2 h). */
export const fixtureBase = new Date('2026-01-15T10:00:00Z');
const at = (minutes: number): string => new Date(fixtureBase.getTime() + minutes * 60_000).toISOString();

/** Number of distinct recipients of the bulk sender. */
export const BULK_RECIPIENTS = 60;

/** Entity events: the victim's prize-code story plus a bulk smishing run. */
export function fixtureEntityEvents(): EntityEventV1[] {
  const { victim, other, scammer, bulkSender } = fixtureNumbers;
  const base = { sourceTopic: 'telco.sms.v1' as const, ingestedAt: at(90) };
  const events: EntityEventV1[] = [
    {
      ...base,
      eventId: 'call-1:call_in',
      sourceEventId: 'call-1',
      sourceTopic: 'telco.calls.v1',
      entity: `msisdn:${victim}`,
      kind: 'call_in',
      occurredAt: at(1),
      counterparty: scammer,
      counterpartyClass: 'home_msisdn',
      answered: true,
      durationSec: 95,
      features: { firstContact: true },
    },
    {
      ...base,
      eventId: 'pay-1:topup',
      sourceEventId: 'pay-1',
      sourceTopic: 'telco.payments.v1',
      entity: `msisdn:${victim}`,
      kind: 'topup',
      occurredAt: at(5),
      amount: 5000,
      currency: 'KZT',
      features: {},
    },
    {
      ...base,
      eventId: 'sms-1:sms_in',
      sourceEventId: 'sms-1',
      entity: `msisdn:${victim}`,
      kind: 'sms_in',
      occurredAt: at(6),
      counterparty: '7555',
      counterpartyClass: 'short_number',
      features: { otpCode: true, senderClass: 'short_number' },
    },
    {
      ...base,
      eventId: 'pay-2:transfer_out',
      sourceEventId: 'pay-2',
      sourceTopic: 'telco.payments.v1',
      entity: `msisdn:${victim}`,
      kind: 'transfer_out',
      occurredAt: at(9),
      counterparty: scammer,
      counterpartyClass: 'home_msisdn',
      amount: 4900,
      currency: 'KZT',
      features: {},
    },
    {
      ...base,
      eventId: 'sms-2:sms_in',
      sourceEventId: 'sms-2',
      entity: `msisdn:${other}`,
      kind: 'sms_in',
      occurredAt: at(30),
      counterparty: 'KASPI',
      counterpartyClass: 'alphanumeric',
      features: { senderClass: 'alphanumeric' },
    },
  ];
  for (let i = 0; i < BULK_RECIPIENTS; i += 1) {
    events.push({
      ...base,
      eventId: `bulk-${i}:sms_sent`,
      sourceEventId: `bulk-${i}`,
      entity: `sender:${bulkSender}`,
      kind: 'sms_sent',
      occurredAt: at(40 + (i % 10)),
      counterparty: `7702${String(1_000_000 + i).slice(1)}`,
      counterpartyClass: 'home_msisdn',
      features: { hasUrl: i % 2 === 0, urlDomains: ['kaspi-prize.example'], brandLookalike: true },
    });
  }
  return events;
}

/** Three alerts: a confirmed critical prize-code theft, its early warning, a bulk sender alert. */
export function fixtureAlerts(): AlertV1[] {
  const { victim, scammer, bulkSender } = fixtureNumbers;
  return [
    {
      alertId: 'alert-theft',
      ruleId: 'prize_code_theft',
      ruleVersion: 2,
      typology: 'prize_code_theft',
      severity: 'critical',
      stage: 'confirmed',
      entity: `msisdn:${victim}`,
      counterparties: [scammer],
      detectedAt: at(10),
      firstEventAt: at(1),
      lastEventAt: at(9),
      evidence: [
        { eventId: 'call-1:call_in', kind: 'call_in', occurredAt: at(1), step: 'lure' },
        { eventId: 'pay-1:topup', kind: 'topup', occurredAt: at(5), step: 'topup' },
        { eventId: 'sms-1:sms_in', kind: 'sms_in', occurredAt: at(6), step: 'code' },
        { eventId: 'pay-2:transfer_out', kind: 'transfer_out', occurredAt: at(9), step: 'loss' },
      ],
      explanation: `Subscriber ${victim} received a code during a call from ${scammer}, then transferred funds.`,
      score: 0.97,
    },
    {
      alertId: 'alert-theft-early',
      ruleId: 'prize_code_theft',
      ruleVersion: 2,
      typology: 'prize_code_theft',
      severity: 'high',
      stage: 'early_warning',
      entity: `msisdn:${victim}`,
      counterparties: [scammer],
      detectedAt: at(7),
      firstEventAt: at(1),
      lastEventAt: at(6),
      evidence: [{ eventId: 'sms-1:sms_in', kind: 'sms_in', occurredAt: at(6), step: 'code' }],
      explanation: 'Confirmation code delivered after an unknown caller and a top-up.',
    },
    {
      alertId: 'alert-bulk',
      ruleId: 'smishing_bulk_sender',
      ruleVersion: 1,
      typology: 'smishing_bulk_sender',
      severity: 'high',
      stage: 'confirmed',
      entity: `sender:${bulkSender}`,
      detectedAt: at(50),
      firstEventAt: at(40),
      lastEventAt: at(49),
      evidence: [{ eventId: 'bulk-0:sms_sent', kind: 'sms_sent', occurredAt: at(40) }],
      explanation: 'Links sent to 60 distinct recipients in 10 minutes.',
    },
  ];
}

/** A partition batch carrying the given messages as JSON, for driving the sink without Kafka. */
export function fixtureBatch(
  topic: string,
  messages: readonly object[],
  partition = 0,
): SinkBatch & {
  deadLetters: { offset: string; reasonCode: string }[];
} {
  const deadLetters: { offset: string; reasonCode: string }[] = [];
  return {
    topic,
    partition,
    records: messages.map((message, index) => ({
      topic,
      partition,
      offset: String(index),
      key: null,
      value: Buffer.from(JSON.stringify(message)),
      headers: {},
      timestamp: String(Date.now()),
    })),
    deadLetter: (record, reason) =>
      deadLetters.push({ offset: record.offset, reasonCode: reason.reasonCode }),
    heartbeat: async () => undefined,
    deadLetters,
  };
}
