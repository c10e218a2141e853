import type { AlertV1, Severity } from '@vigil/contracts';
import { maskMsisdn, maskMsisdnsInText } from '@vigil/observability';

/** An alert on the console's live feed: numbers masked, text explanations masked; nothing else from the SMS. */
export interface ConsoleFeedAlert {
  type: 'alert';
  reason: string;
  repeatCount: number;
  alert: {
    alertId: string;
    ruleId: string;
    ruleVersion: number;
    typology: string;
    severity: Severity;
    stage: string;
    entityType: string;
    entity: string;
    counterparties: string[];
    detectedAt: string;
    firstEventAt: string;
    lastEventAt: string;
    explanation: string;
    score: number;
    evidence: { eventId: string; kind: string; occurredAt: string; step: string }[];
  };
}

/** A repeat folded into an earlier alert: the console bumps that alert's counter. */
export interface ConsoleFeedRepeat {
  type: 'repeat';
  firstAlertId: string;
  alertId: string;
  typology: string;
  severity: Severity;
  entity: string;
  repeatCount: number;
}

/** The relay's connection to the router changed. */
export interface ConsoleFeedStatus {
  type: 'status';
  connected: boolean;
}

export type ConsoleFeedItem = ConsoleFeedAlert | ConsoleFeedRepeat | ConsoleFeedStatus;

/** The alert router's feed item as it arrives (see apps/alert-router/src/alert-feed.ts). */
export type RouterFeedItem =
  | { type: 'alert'; reason: string; repeatCount: number; alert: AlertV1 }
  | {
      type: 'repeat';
      firstAlertId: string;
      alertId: string;
      entity: string;
      typology: string;
      severity: Severity;
      repeatCount: number;
    };

/** `msisdn:77011234567` → (`msisdn`, `***67`); other entities keep their readable id. */
export function maskEntity(entity: string): { type: string; display: string } {
  const separator = entity.indexOf(':');
  const type = separator > 0 ? entity.slice(0, separator) : 'unknown';
  const value = separator > 0 ? entity.slice(separator + 1) : entity;
  return { type, display: maskMsisdn(value) };
}

/** The router's item with every number masked: what any console user may see. */
export function toConsoleFeedItem(item: RouterFeedItem): ConsoleFeedAlert | ConsoleFeedRepeat {
  if (item.type === 'repeat') {
    return {
      type: 'repeat',
      firstAlertId: item.firstAlertId,
      alertId: item.alertId,
      typology: item.typology,
      severity: item.severity,
      entity: maskEntity(item.entity).display,
      repeatCount: item.repeatCount,
    };
  }
  const { alert } = item;
  const entity = maskEntity(alert.entity);
  return {
    type: 'alert',
    reason: item.reason,
    repeatCount: item.repeatCount,
    alert: {
      alertId: alert.alertId,
      ruleId: alert.ruleId,
      ruleVersion: alert.ruleVersion,
      typology: alert.typology,
      severity: alert.severity,
      stage: alert.stage,
      entityType: entity.type,
      entity: entity.display,
      counterparties: (alert.counterparties ?? []).map((party) => maskEntity(party).display),
      detectedAt: alert.detectedAt,
      firstEventAt: alert.firstEventAt,
      lastEventAt: alert.lastEventAt,
      explanation: maskMsisdnsInText(alert.explanation),
      score: alert.score ?? 0,
      evidence: alert.evidence.map((item) => ({
        eventId: item.eventId, // an id, not a number: masking a digit run in it would make it unusable
        kind: item.kind,
        occurredAt: item.occurredAt,
        step: item.step ?? '',
      })),
    },
  };
}
