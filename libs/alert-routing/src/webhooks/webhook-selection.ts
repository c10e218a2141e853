import { SEVERITIES, type AlertV1, type Severity } from '@vigil/contracts';
import type { WebhookTarget } from '../config/routing-config.types';

const severityRank = (severity: Severity): number => SEVERITIES.indexOf(severity);

/** The webhooks that want this alert: at least their minimum severity and, when they list typologies, one of them. */
export function selectWebhooks(alert: AlertV1, webhooks: readonly WebhookTarget[]): WebhookTarget[] {
  return webhooks.filter(
    (webhook) =>
      severityRank(alert.severity) >= severityRank(webhook.minSeverity) &&
      (webhook.typologies.length === 0 || webhook.typologies.includes(alert.typology)),
  );
}
