import type { AlertV1 } from '@vigil/contracts';

/** What makes two alerts the same finding, whatever rule version or run raised them. */
export interface AlertIdentity {
  ruleId: string;
  stage: string;
  /** `<type>:<key>`, numbers in their stored pseudonymous form. */
  entity: string;
  /** The matched events, in step order. */
  eventIds: readonly string[];
}

/**
 * One string per finding: rule, stage, entity and matched event ids. Not the alert id, which also hashes the rule
 * version (a candidate bumps it) and the entity as the correlator saw it (a number, where stored history has its
 * pseudonym).
 */
export function alertIdentityKey(alert: AlertIdentity): string {
  return `${alert.ruleId}|${alert.stage}|${alert.entity}|${alert.eventIds.join(',')}`;
}

/** The identity of an alert the engine raised. */
export function identityOf(alert: AlertV1): AlertIdentity {
  return {
    ruleId: alert.ruleId,
    stage: alert.stage,
    entity: alert.entity,
    eventIds: alert.evidence.map((evidence) => evidence.eventId),
  };
}
