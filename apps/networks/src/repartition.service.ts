import { Inject, Injectable } from '@nestjs/common';
import {
  alertV1,
  ENTITY_EVENTS_TOPIC,
  entityEventV1,
  isContractError,
  isWatermarkRecord,
} from '@vigil/contracts';
import { type ConsumedRecord, KAFKA_PRODUCER, type PartitionBatch, type Producer } from '@vigil/kafka';
import {
  type ContactMemory,
  encodeObservation,
  lureObservationOf,
  type NetworkObservation,
} from '@vigil/networks';
import { keyedByNumber, sendDurably } from './durable-output';
import type { NetworksSettings } from './networks.config';
import { CONTACT_STATES, NETWORKS_SETTINGS } from './networks.constants';
import { networksMetrics } from './networks.metrics';
import type { PartitionStates } from './partition-states';

/**
 * The repartition step. Alerts and entity events are keyed by subscriber; what a number did to many subscribers is
 * seen only once they are keyed by that number. Each alert with a lure becomes a lure observation, each transfer to
 * a number the subscriber never dealt with (per-subscriber contact memory, co-partitioned with the entity events and
 * persisted like the correlator's state) a transfer observation, written to vigil.network-observations.v1 keyed by
 * the number. Per batch: observations acknowledged, then the contact changes and progress, then the commit.
 */
@Injectable()
export class RepartitionService {
  constructor(
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
    @Inject(NETWORKS_SETTINGS) private readonly settings: NetworksSettings,
    @Inject(CONTACT_STATES) private readonly contacts: PartitionStates<ContactMemory>,
  ) {}

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
    const { state: memory, skipped } = await this.contacts.step(batch, async (memory, records) => {
      const observations: NetworkObservation[] = [];
      for (const record of records) {
        if (isWatermarkRecord(record.headers)) continue;
        const event = this.decode(batch, record, () => entityEventV1.deserialize(record.value));
        const observation = event && memory.observe(event);
        if (observation) observations.push(observation);
      }
      memory.evict();
      await this.forward(observations);
      return memory.drainChanges().map(({ subscriber, value }) => ({ key: subscriber, value }));
    });
    if (skipped > 0) networksMetrics.replaysSkipped.inc({ topic: ENTITY_EVENTS_TOPIC }, skipped);
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
    const messages = keyedByNumber(this.settings.topics.networkObservations, observations, encodeObservation);
    await sendDurably(this.producer, [messages], 'observations');
    for (const observation of observations)
      networksMetrics.observationsForwarded.inc({ type: observation.type });
  }
}
