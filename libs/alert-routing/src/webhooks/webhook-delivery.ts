import { createHash } from 'node:crypto';
import { z } from 'zod';
import { alertV1, type AlertV1 } from '@vigil/contracts';
import { RoutingRecordError, alertRoutingErrorCodes } from '../alert-routing.errors';

/** Why the alert went out: the first of its entity and typology, or an escalation of an early warning. */
export type DeliveryReason = 'first' | 'escalation';

/** The JSON body a webhook receiver gets. */
export interface WebhookPayload {
  deliveryId: string;
  webhookId: string;
  reason: DeliveryReason;
  /** Alerts folded into the first one of this entity and typology so far. */
  repeatCount: number;
  routedAt: string;
  alert: AlertV1;
}

/** An outbox record: one alert for one webhook, written durably before the alert is committed. */
export type WebhookDelivery = WebhookPayload;

/** Same alert and webhook → same id: receivers deduplicate redeliveries by the X-Vigil-Delivery-Id header. */
export function deliveryIdOf(alertId: string, webhookId: string): string {
  return createHash('sha256').update(`${alertId}\u0000${webhookId}`, 'utf8').digest('hex').slice(0, 32);
}

const deliverySchema = z.object({
  deliveryId: z.string().min(1),
  webhookId: z.string().min(1),
  reason: z.enum(['first', 'escalation']),
  repeatCount: z.number().int().nonnegative(),
  routedAt: z.string(),
  alert: z.unknown(),
});

export function encodeWebhookDelivery(delivery: WebhookDelivery): Buffer {
  return Buffer.from(JSON.stringify(delivery), 'utf8');
}

/** Decodes an outbox record; throws RoutingRecordError when it is not one. */
export function decodeWebhookDelivery(bytes: Buffer | null): WebhookDelivery {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes?.toString('utf8') ?? '');
  } catch {
    throw new RoutingRecordError(
      alertRoutingErrorCodes.INVALID_WEBHOOK_DELIVERY,
      'webhook delivery is not JSON',
    );
  }
  const result = deliverySchema.safeParse(parsed);
  const alert = result.success ? alertV1.validate(result.data.alert) : undefined;
  if (!result.success || !alert?.ok) {
    throw new RoutingRecordError(
      alertRoutingErrorCodes.INVALID_WEBHOOK_DELIVERY,
      'webhook delivery: invalid shape',
    );
  }
  return { ...result.data, alert: alert.value };
}
