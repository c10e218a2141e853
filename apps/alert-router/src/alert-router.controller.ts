import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ALERT_ROUTER_WEBHOOKS_TOPIC, ALERTS_TOPIC } from '@vigil/contracts';
import type { PartitionBatch } from '@vigil/kafka';
import { WEBHOOK_OUTBOX_TRANSPORT } from './alert-router.constants';
import { AlertIntakeService } from './alert-intake.service';
import { WebhookDispatcher } from './webhook.dispatcher';

/** Hands each batch of alerts to the intake, and each batch of the webhook outbox (its own consumer) to delivery. */
@Controller()
export class AlertRouterController {
  constructor(
    @Inject(AlertIntakeService) private readonly intake: AlertIntakeService,
    @Inject(WebhookDispatcher) private readonly webhooks: WebhookDispatcher,
  ) {}

  @EventPattern(ALERTS_TOPIC)
  onAlerts(@Payload() batch: PartitionBatch): Promise<void> {
    return this.intake.routeBatch(batch);
  }

  @EventPattern(ALERT_ROUTER_WEBHOOKS_TOPIC, WEBHOOK_OUTBOX_TRANSPORT)
  onWebhookOutbox(@Payload() batch: PartitionBatch): Promise<void> {
    return this.webhooks.deliverBatch(batch);
  }
}
