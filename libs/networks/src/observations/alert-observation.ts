import type { AlertV1 } from '@vigil/contracts';
import type { LureObservation } from './observation.types';
import { numberEntityOf } from './number-entity';

/**
 * The lure observation an alert stands for: its subscriber (the alert's entity), the lure's number and role, when
 * the lure came. Alerts without a lure (threshold rules, card and sender entities) say nothing about a scam number.
 */
export function lureObservationOf(alert: AlertV1): LureObservation | undefined {
  const lure = alert.lure;
  if (lure === undefined || !alert.entity.startsWith('msisdn:')) return undefined;
  const lureEvent = alert.evidence.find((item) => item.step === 'lure') ?? alert.evidence[0];
  return {
    type: 'lure',
    number: numberEntityOf(lure.counterparty),
    role: lure.role,
    subscriber: alert.entity,
    occurredAtMs: Date.parse(lureEvent.occurredAt),
    alertId: alert.alertId,
    typology: alert.typology,
    stage: alert.stage,
    domains: lure.domains ?? [],
  };
}
