import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  alertV1,
  ENTITY_EVENTS_TOPIC,
  entityEventV1,
  isContractError,
  isWatermarkRecord,
} from '@vigil/contracts';
import {
  BATCH_CONSUMER,
  type BatchConsumer,
  COALESCING_PRODUCER,
  type CoalescingProducer,
  type ConsumedRecord,
  KAFKA_CLIENT,
  type Kafka,
  KAFKA_PRODUCER,
  type Message,
  type PartitionBatch,
  type Producer,
  RetriableBatchError,
} from '@vigil/kafka';
import {
  ContactMemory,
  encodeObservation,
  lureObservationOf,
  type NetworkObservation,
} from '@vigil/networks';
import type { NetworksSettings } from './networks.config';
import { NETWORKS_SETTINGS } from './networks.constants';
import { networksMetrics } from './networks.metrics';
import { PartitionStates } from './partition-states';

/**
 * The repartition step. Alerts and entity events are keyed by subscriber; what a number did to many subscribers is
 * seen only once they are keyed by that number. Each alert with a lure becomes a lure observation, each transfer to
 * a number the subscriber never dealt with (per-subscriber contact memory, co-partitioned with the entity events and
 * persisted like the correlator's state) a transfer observation, written to vigil.network-observations.v1 keyed by
 * the number. Per batch: observations acknowledged, then the contact changes and progress, then the commit.
 */
@Injectable()
export class RepartitionService implements OnApplicationBootstrap {
  private readonly logger = new Logger(RepartitionService.name);
  private readonly contacts: PartitionStates<ContactMemory>;

  constructor(
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
    @Inject(KAFKA_CLIENT) kafka: Kafka,
    @Inject(COALESCING_PRODUCER) changelogProducer: CoalescingProducer,
    @Inject(NETWORKS_SETTINGS) private readonly settings: NetworksSettings,
    @Inject(BATCH_CONSUMER) consumer: BatchConsumer,
  ) {
    this.contacts = new PartitionStates(kafka, changelogProducer, {
      store: 'contacts',
      changelogTopic: settings.topics.networkContactsState,
      restoreGroupPrefix: `${settings.groups.repartition}-restore-${settings.instanceId}`,
      create: () => new ContactMemory(settings.networks.contacts),
      apply: (memory, key, value) => memory.restore(key, value),
    });
    // Registered while the module is built, before the consumer starts: a listener added later misses the first join.
    consumer.addListener({
      onAssignment: (assignment) => this.contacts.onAssignment(assignment[ENTITY_EVENTS_TOPIC] ?? []),
    });
  }

  onApplicationBootstrap(): void {
    this.logger.log({
      msg: 'repartitioning alerts and first-contact transfers by number',
      to: this.settings.topics.networkObservations,
      groupId: this.settings.groups.repartition,
    });
  }

  /** Alerts: stateless, each alert with a lure is forwarded keyed by its lure. */
  async onAlerts(batch: PartitionBatch): Promise<void> {
    const observations: NetworkObservation[] = [];
    for (const record of batch.records) {
      const alert = this.decode(batch, record, () => alertV1.deserialize(record.value));
      const observation = alert && lureObservationOf(alert);
      if (observation) observations.push(observation);
    }
    await this.forward(observations);
  }

  /** Entity events: contact memory decides which transfers are first contacts; its changes follow the outputs. */
  async onEntityEvents(batch: PartitionBatch): Promise<void> {
    const partitionState = await this.contacts.of(batch.partition, () => batch.heartbeat());
    const memory = partitionState.state;
    const observations: NetworkObservation[] = [];
    let lastOffset: string | undefined;
    for (const record of batch.records) {
      lastOffset = record.offset;
      if (partitionState.progress !== undefined && BigInt(record.offset) <= partitionState.progress) {
        networksMetrics.replaysSkipped.inc({ topic: ENTITY_EVENTS_TOPIC });
        continue;
      }
      if (isWatermarkRecord(record.headers)) continue;
      const event = this.decode(batch, record, () => entityEventV1.deserialize(record.value));
      const observation = event && memory.observe(event);
      if (observation) observations.push(observation);
    }
    if (lastOffset === undefined) return;
    memory.evict();
    await this.forward(observations);
    const changes = memory.drainChanges().map(({ subscriber, value }) => ({ key: subscriber, value }));
    try {
      await this.contacts.persist(batch.partition, changes, lastOffset);
    } catch (error) {
      throw new RetriableBatchError('contact changes not durable', { cause: error });
    }
    networksMetrics.contactSubscribers.set({ partition: String(batch.partition) }, memory.size);
  }

  private decode<T>(batch: PartitionBatch, record: ConsumedRecord, decode: () => T): T | undefined {
    try {
      return decode();
    } catch (error) {
      if (!isContractError(error)) throw error;
      batch.deadLetter(record, { reasonCode: error.code, reason: error.message.slice(0, 500) });
      return undefined;
    }
  }

  private async forward(observations: readonly NetworkObservation[]): Promise<void> {
    if (observations.length === 0) return;
    const messages: Message[] = observations.map((observation) => ({
      key: observation.number,
      value: encodeObservation(observation),
    }));
    try {
      await this.producer.sendBatch({
        acks: -1,
        topicMessages: [{ topic: this.settings.topics.networkObservations, messages }],
      });
    } catch (error) {
      throw new RetriableBatchError('observations not durable', { cause: error });
    }
    for (const observation of observations)
      networksMetrics.observationsForwarded.inc({ type: observation.type });
  }
}
