import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ALERTS_TOPIC, alertV1, isContractError, notificationV1, type AlertV1 } from '@vigil/contracts';
import { encodeWebhookDelivery, type AlertRouter, type RoutingDecision } from '@vigil/alert-routing';
import {
  BATCH_CONSUMER,
  type BatchConsumer,
  KAFKA_PRODUCER,
  type Message,
  type PartitionBatch,
  type Producer,
  RetriableBatchError,
  type TopicMessages,
} from '@vigil/kafka';
import { AlertFeed } from './alert-feed';
import type { AlertRouterSettings } from './alert-router.config';
import { ALERT_ROUTER, ALERT_ROUTER_SETTINGS } from './alert-router.constants';
import { RouterStateRepository } from './router-state.repository';
import { RoutingAudit } from './routing-audit';

const PRUNE_INTERVAL_MS = 60_000; // 1 min of alert time between sweeps of expired state

/**
 * Routes the alerts topic (the service's main consumer): restores a partition's state when it is assigned, routes
 * each batch, and makes its outputs durable in this order — notifications and webhook outbox records, then the state
 * changelog — before the batch is committed. A crash between those steps redelivers the batch: outputs repeat with
 * the same ids (notificationId, deliveryId), decisions repeat identically, nothing is lost.
 */
@Injectable()
export class AlertIntakeService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AlertIntakeService.name);
  /** Partitions assigned but not yet restored from the changelog. */
  private readonly unrestored = new Set<number>();
  private owned = new Set<number>();
  private readonly lastPrunedAt = new Map<number, number>();

  constructor(
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
    @Inject(ALERT_ROUTER_SETTINGS) private readonly settings: AlertRouterSettings,
    @Inject(ALERT_ROUTER) private readonly router: AlertRouter,
    @Inject(BATCH_CONSUMER) consumer: BatchConsumer,
    private readonly states: RouterStateRepository,
    private readonly feed: AlertFeed,
    private readonly audit: RoutingAudit,
  ) {
    // Registered while the module is built, before the consumer starts: a listener added later misses the first join.
    consumer.addListener({
      onAssignment: (assignment) => this.onAssignment(assignment[ALERTS_TOPIC] ?? []),
    });
  }

  onApplicationBootstrap(): void {
    this.logger.log({
      msg: 'routing alerts',
      topic: this.settings.topics.alerts,
      groupId: this.settings.groups.alerts,
    });
  }

  private onAssignment(partitions: number[]): void {
    const next = new Set(partitions);
    // A partition this instance already owned keeps its in-memory state; a gained one is restored before use.
    for (const partition of next) if (!this.owned.has(partition)) this.unrestored.add(partition);
    this.states.release([...this.owned].filter((partition) => !next.has(partition)));
    for (const partition of this.unrestored) if (!next.has(partition)) this.unrestored.delete(partition);
    this.owned = next;
  }

  /** Routes one batch of alerts; resolves once its outputs and state changes are durable. */
  async routeBatch(batch: PartitionBatch): Promise<void> {
    if (this.unrestored.has(batch.partition)) {
      const partitions = [...this.unrestored];
      await this.states.restore(partitions, () => batch.heartbeat());
      for (const partition of partitions) this.unrestored.delete(partition);
    }
    const state = this.states.of(batch.partition);
    const decisions: { decision: RoutingDecision; offset: string }[] = [];
    let watermarkMs = 0;
    try {
      for (const record of batch.records) {
        let alert: AlertV1;
        try {
          alert = alertV1.deserialize(record.value);
        } catch (error) {
          if (!isContractError(error)) throw error;
          batch.deadLetter(record, { reasonCode: error.code, reason: error.message.slice(0, 500) });
          this.audit.invalidAlert({ partition: batch.partition, offset: record.offset }, error.code);
          continue;
        }
        decisions.push({ decision: this.router.route(alert, state), offset: record.offset });
        watermarkMs = Math.max(watermarkMs, Date.parse(alert.detectedAt));
      }
      await this.makeDurable(
        batch.partition,
        decisions.map(({ decision }) => decision),
      );
    } catch (error) {
      state.rollback(); // the batch will be redelivered (or dead-lettered) and must decide the same way again
      throw error;
    }
    state.checkpoint();
    this.pruneIfDue(batch.partition, watermarkMs);
    for (const { decision, offset } of decisions) {
      this.audit.decision(decision, { partition: batch.partition, offset });
      this.publish(decision);
    }
  }

  private async makeDurable(partition: number, decisions: RoutingDecision[]): Promise<void> {
    const notifications: Message[] = [];
    const deliveries: Message[] = [];
    for (const decision of decisions) {
      if (decision.outcome !== 'routed') continue;
      if (decision.notification.kind === 'notify') {
        const notification = decision.notification.notification;
        notifications.push({ key: notification.msisdn, value: notificationV1.serialize(notification) });
      }
      for (const delivery of decision.deliveries) {
        deliveries.push({ key: delivery.deliveryId, value: encodeWebhookDelivery(delivery) });
      }
    }
    const topicMessages: TopicMessages[] = [];
    if (notifications.length > 0)
      topicMessages.push({ topic: this.settings.topics.notifications, messages: notifications });
    if (deliveries.length > 0)
      topicMessages.push({ topic: this.settings.topics.webhookOutbox, messages: deliveries });
    try {
      if (topicMessages.length > 0) await this.producer.sendBatch({ acks: -1, topicMessages });
      await this.states.persist(partition, this.states.of(partition).pendingChanges());
    } catch (error) {
      throw new RetriableBatchError('routing outputs not durable', { cause: error });
    }
  }

  private pruneIfDue(partition: number, watermarkMs: number): void {
    const last = this.lastPrunedAt.get(partition) ?? 0;
    if (watermarkMs - last < PRUNE_INTERVAL_MS) return;
    this.lastPrunedAt.set(partition, watermarkMs);
    this.states.of(partition).prune(watermarkMs);
  }

  private publish(decision: RoutingDecision): void {
    if (decision.outcome === 'routed') {
      this.feed.publish({
        type: 'alert',
        reason: decision.reason,
        repeatCount: decision.repeatCount,
        alert: decision.alert,
      });
    } else if (decision.outcome === 'suppressed') {
      const { alert } = decision;
      this.feed.publish({
        type: 'repeat',
        firstAlertId: decision.firstAlertId,
        alertId: alert.alertId,
        entity: alert.entity,
        typology: alert.typology,
        severity: alert.severity,
        repeatCount: decision.repeatCount,
      });
    }
  }
}
