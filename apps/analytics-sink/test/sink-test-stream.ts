import type { AlertV1, EntityEventV1 } from '@vigil/contracts';
import { ENTITY_EVENT_KINDS, SEVERITIES, TYPOLOGIES } from '@vigil/contracts';

/** A deterministic stream of entity events and alerts for the sink resilience tests. */
export interface SinkTestStream {
  events: EntityEventV1[];
  alerts: AlertV1[];
}

const BASE_MS = Date.parse('2026-02-01T08:00:00Z');
const iso = (ms: number): string => new Date(ms).toISOString();

/** `eventCount` events over 2 000 subscribers and 40 bulk senders, one alert per 50 events. */
export function buildSinkTestStream(eventCount: number): SinkTestStream {
  const events: EntityEventV1[] = [];
  const alerts: AlertV1[] = [];
  for (let i = 0; i < eventCount; i += 1) {
    const occurredMs = BASE_MS + i * 1_000;
    const subscriber = `7701${String(1_000_000 + (i % 2_000)).slice(1)}`;
    const bulk = i % 5 === 0;
    const kind = bulk ? 'sms_sent' : ENTITY_EVENT_KINDS[i % ENTITY_EVENT_KINDS.length];
    events.push({
      eventId: `src-${i}:${kind}`,
      sourceEventId: `src-${i}`,
      sourceTopic: 'telco.sms.v1',
      entity: bulk ? `sender:7778${String(1_000_000 + (i % 40)).slice(1)}` : `msisdn:${subscriber}`,
      kind,
      occurredAt: iso(occurredMs),
      ingestedAt: iso(occurredMs + 500),
      counterparty: bulk ? subscriber : `7775${String(1_000_000 + (i % 300)).slice(1)}`,
      counterpartyClass: 'home_msisdn',
      amount: i % 3 === 0 ? (i % 997) * 10 : undefined,
      currency: i % 3 === 0 ? 'KZT' : undefined,
      features: { hasUrl: i % 2 === 0, prizeLure: i % 7 === 0 },
    });
    if (i % 50 === 49) {
      const a = alerts.length;
      alerts.push({
        alertId: `alert-${a}`,
        ruleId: `rule-${a % 6}`,
        ruleVersion: 1 + (a % 2),
        typology: TYPOLOGIES[a % TYPOLOGIES.length],
        severity: SEVERITIES[a % SEVERITIES.length],
        stage: a % 3 === 0 ? 'early_warning' : 'confirmed',
        entity: `msisdn:${subscriber}`,
        counterparties: [`7775${String(1_000_000 + (i % 300)).slice(1)}`],
        detectedAt: iso(occurredMs + 2_000),
        firstEventAt: iso(occurredMs - 30_000),
        lastEventAt: iso(occurredMs),
        evidence: [
          { eventId: `src-${i - 30}:x`, kind: 'call_in', occurredAt: iso(occurredMs - 30_000), step: 'lure' },
          { eventId: `src-${i}:${kind}`, kind, occurredAt: iso(occurredMs), step: 'loss' },
        ],
        explanation: 'Synthetic alert for the sink resilience test.',
      });
    }
  }
  return { events, alerts };
}

/** Time range covering every event of a stream of `eventCount` events. */
export function sinkTestStreamRange(eventCount: number): { from: Date; to: Date } {
  return { from: new Date(BASE_MS - 3_600_000), to: new Date(BASE_MS + eventCount * 1_000 + 3_600_000) };
}
