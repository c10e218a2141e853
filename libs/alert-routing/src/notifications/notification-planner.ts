import { createHash } from 'node:crypto';
import type { AlertV1, NotificationV1 } from '@vigil/contracts';
import type { RoutingConfig } from '../config/routing-config.types';
import { stateKeys } from '../state/router-state-entry';
import type { RouterState } from '../state/router-state';
import type { NotificationTemplates } from './notification-templates';
import type { SubscriberPreferenceLookup } from './subscriber-preferences';

/** Why an alert that went out warned nobody. */
export type NotificationSkipReason = 'not-a-subscriber' | 'no-template' | 'opted-out' | 'cooldown';

export type NotificationPlan =
  | { kind: 'notify'; notification: NotificationV1 }
  | { kind: 'skip'; reason: NotificationSkipReason; template?: string };

const SUBSCRIBER_ENTITY = /^msisdn:([0-9]{10,15})$/;

/** Same alert and template → same id, so a replayed alert produces a notification the messaging system drops. */
export function notificationIdOf(alertId: string, templateId: string): string {
  return createHash('sha256').update(`${alertId}\u0000${templateId}`, 'utf8').digest('hex').slice(0, 32);
}

/** Turns a delivered alert into at most one subscriber warning, honouring opt-outs and the per-template cool-down. */
export class NotificationPlanner {
  private readonly templateByStage = new Map<string, string>();

  constructor(
    private readonly config: RoutingConfig['notifications'],
    private readonly templates: NotificationTemplates,
  ) {
    for (const mapping of config.mappings) {
      for (const stage of mapping.stages)
        this.templateByStage.set(`${mapping.typology}|${stage}`, mapping.template);
    }
  }

  plan(
    alert: AlertV1,
    detectedAtMs: number,
    state: RouterState,
    preferences: SubscriberPreferenceLookup,
    createdAt: Date,
  ): NotificationPlan {
    const msisdn = SUBSCRIBER_ENTITY.exec(alert.entity)?.[1];
    if (!msisdn) return { kind: 'skip', reason: 'not-a-subscriber' };
    const template = this.templateByStage.get(`${alert.typology}|${alert.stage}`);
    if (!template) return { kind: 'skip', reason: 'no-template' };
    const preference = preferences.get(msisdn);
    if (this.config.optOut.has(msisdn) || preference?.optOut)
      return { kind: 'skip', reason: 'opted-out', template };
    const key = stateKeys.notified(msisdn, template);
    if (state.get(key, detectedAtMs)) return { kind: 'skip', reason: 'cooldown', template };
    const language = preference?.language ?? this.config.defaultLanguage;
    const notificationId = notificationIdOf(alert.alertId, template);
    state.set(key, { type: 'notified', notificationId, expiresAt: detectedAtMs + this.config.cooldownMs });
    return {
      kind: 'notify',
      notification: {
        notificationId,
        msisdn,
        template,
        language,
        text: this.templates.render(template, language),
        alertId: alert.alertId,
        createdAt: createdAt.toISOString(),
      },
    };
  }
}
