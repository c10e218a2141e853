import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  alertRoutingErrorCodes,
  backoffDelayMs,
  decodeWebhookDelivery,
  type WebhookDelivery,
  type WebhookTarget,
} from '@vigil/alert-routing';
import { RetriableBatchError, type ConsumedRecord, type PartitionBatch } from '@vigil/kafka';
import type { AlertRouterSettings } from './alert-router.config';
import { ALERT_ROUTER_SETTINGS } from './alert-router.constants';
import { RoutingAudit } from './routing-audit';
import { WebhookSender } from './webhook.sender';

const HEARTBEAT_SLICE_MS = 1_000; // backoff waits are sliced so the outbox consumer keeps its group session

/**
 * Delivers the webhook outbox. Each outbox batch is delivered concurrently; a failing delivery is retried with
 * exponential backoff and jitter up to the configured attempts, then dead-lettered (WEBHOOK_FAILED). The batch is
 * committed only when every delivery in it was accepted or dead-lettered, so none is lost: a crash redelivers
 * (at least once; receivers deduplicate by X-Vigil-Delivery-Id). The outbox has its own consumer group and fetch
 * loop (WEBHOOK_OUTBOX_TRANSPORT), so a slow receiver delays other webhooks by at most the retry budget and never
 * holds up the alerts topic.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private readonly targets: ReadonlyMap<string, WebhookTarget>;

  constructor(
    @Inject(ALERT_ROUTER_SETTINGS) private readonly settings: AlertRouterSettings,
    private readonly sender: WebhookSender,
    private readonly audit: RoutingAudit,
  ) {
    this.targets = new Map(settings.routing.config.webhooks.map((target) => [target.id, target]));
  }

  onApplicationBootstrap(): void {
    this.logger.log({
      msg: 'delivering webhooks',
      topic: this.settings.topics.webhookOutbox,
      webhooks: [...this.targets.keys()],
    });
  }

  /** Delivers one outbox batch; resolves once every delivery in it was accepted or dead-lettered. */
  async deliverBatch(batch: PartitionBatch): Promise<void> {
    const queue = [...batch.records];
    const worker = async (): Promise<void> => {
      for (let record = queue.shift(); record; record = queue.shift())
        await this.deliverRecord(batch, record);
    };
    const workers = Math.min(this.settings.webhooks.concurrency, queue.length);
    await Promise.all(Array.from({ length: workers }, worker));
    // Stopping mid-retry leaves deliveries neither accepted nor dead-lettered: do not commit, redeliver instead.
    if (!batch.isRunning())
      throw new RetriableBatchError('webhook batch interrupted by shutdown or rebalance');
  }

  private async deliverRecord(batch: PartitionBatch, record: ConsumedRecord): Promise<void> {
    let delivery: WebhookDelivery;
    try {
      delivery = decodeWebhookDelivery(record.value);
    } catch (error) {
      batch.deadLetter(record, {
        reasonCode: alertRoutingErrorCodes.INVALID_WEBHOOK_DELIVERY,
        reason: (error as Error).message,
      });
      return;
    }
    const target = this.targets.get(delivery.webhookId);
    if (!target) {
      this.deadLetter(batch, record, delivery, 0, `webhook ${delivery.webhookId} is no longer configured`);
      return;
    }
    const { retry } = this.settings.webhooks;
    for (let attempt = 1; attempt <= retry.maxAttempts; attempt++) {
      const result = await this.sender.send(target, delivery);
      if (result.ok) {
        this.audit.webhookDelivered(
          target.id,
          delivery.deliveryId,
          delivery.alert.alertId,
          attempt,
          result.status,
        );
        return;
      }
      if (!result.retriable || attempt === retry.maxAttempts) {
        this.deadLetter(batch, record, delivery, attempt, result.failure);
        return;
      }
      const delayMs = backoffDelayMs(retry, attempt);
      this.audit.webhookRetry(target.id, delivery.deliveryId, attempt, delayMs, result.failure);
      if (!(await this.wait(delayMs, batch))) return;
    }
  }

  private deadLetter(
    batch: PartitionBatch,
    record: ConsumedRecord,
    delivery: WebhookDelivery,
    attempts: number,
    failure: string,
  ): void {
    batch.deadLetter(record, {
      reasonCode: alertRoutingErrorCodes.WEBHOOK_FAILED,
      reason: `webhook ${delivery.webhookId}: ${failure} after ${attempts} attempt(s)`,
    });
    this.audit.webhookDeadLettered(
      delivery.webhookId,
      delivery.deliveryId,
      delivery.alert.alertId,
      attempts,
      failure,
    );
  }

  /** Sleeps `delayMs` while heartbeating; false when the consumer stops meanwhile. */
  private async wait(delayMs: number, batch: PartitionBatch): Promise<boolean> {
    const until = Date.now() + delayMs;
    while (Date.now() < until) {
      if (!batch.isRunning()) return false;
      await new Promise((resolve) => setTimeout(resolve, Math.min(HEARTBEAT_SLICE_MS, until - Date.now())));
      await batch.heartbeat();
    }
    return batch.isRunning();
  }
}
