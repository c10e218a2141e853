import type { Message } from 'kafkajs';
import { alertV1, type AlertV1 } from '@vigil/contracts';
import type { CorrelationEngine, SourceWatermarksSnapshotV1 } from '@vigil/correlation';
import { type CoalescingProducer, messageSize } from '@vigil/kafka';
import { PROGRESS_KEY } from './correlator.constants';
import { correlatorMetrics } from './correlator.metrics';
import { encodeProgress } from './partition-progress';

/** What the changelog write of a partition needs from its engine, and the sources it has heard from. */
export type ChangelogSource = Pick<CorrelationEngine, 'snapshotEntity'> & {
  progress(): { maxEventTimeMs: number; sources: SourceWatermarksSnapshotV1 };
};

/** A partition's changelog write, prepared: the entity states it carries, the progress record last. */
export interface ChangelogWrite {
  messages: Message[];
  stateBytes: number;
}

/**
 * The writes of the correlator: alerts, and per partition the changed entity states followed by the progress
 * record in the co-partitioned changelog. Partitions handled at once share produce requests through the
 * CoalescingProducer. The order between the two (alerts durable before the state that covers them) is kept by
 * PartitionPublisher.
 */
export class StatePublisher {
  constructor(
    private readonly producer: CoalescingProducer,
    private readonly topics: { alerts: string; changelog: string },
  ) {}

  /** Resolves once every alert is acknowledged by all in-sync replicas. */
  async sendAlerts(alerts: readonly AlertV1[]): Promise<void> {
    await this.producer.send(
      this.topics.alerts,
      alerts.map((alert) => ({ key: alert.entity, value: alertV1.serialize(alert) })),
    );
    for (const alert of alerts)
      correlatorMetrics.alerts.inc({ typology: alert.typology, stage: alert.stage });
  }

  /**
   * Snapshots `entities` and the progress now, so the progress record vouches exactly for the states beside it.
   * @param coveredOffset last input offset whose effects the engine holds (null before the first batch)
   */
  prepareChangelog(
    partition: number,
    engine: ChangelogSource,
    entities: readonly string[],
    coveredOffset: string | null,
  ): ChangelogWrite {
    const messages: Message[] = [];
    let stateBytes = 0;
    for (const entity of entities) {
      const state = engine.snapshotEntity(entity) ?? null;
      stateBytes += state?.length ?? 0;
      messages.push({ key: entity, value: state, partition });
    }
    const { maxEventTimeMs, sources } = engine.progress();
    messages.push({
      key: PROGRESS_KEY,
      partition,
      value: encodeProgress({
        inputOffset: coveredOffset,
        maxEventTimeMs: Number.isFinite(maxEventTimeMs) ? maxEventTimeMs : null,
        sources,
      }),
    });
    return { messages, stateBytes };
  }

  /**
   * The progress record must never be durable before the states it vouches for. The states that do not fit into
   * one request with it go first (in any order among themselves); the rest, progress last, is one record batch
   * appended all or nothing, sent once they are acknowledged. Usually everything fits: one request, one round trip.
   */
  async writeChangelog({ messages, stateBytes }: ChangelogWrite): Promise<void> {
    let tailStart = messages.length - 1;
    let tailBytes = messageSize(messages[tailStart]);
    while (tailStart > 0) {
      const bytes = messageSize(messages[tailStart - 1]);
      if (tailBytes + bytes > this.producer.maxRequestBytes) break;
      tailBytes += bytes;
      tailStart -= 1;
    }
    if (tailStart > 0) await this.producer.send(this.topics.changelog, messages.slice(0, tailStart));
    await this.producer.send(this.topics.changelog, messages.slice(tailStart), { atomic: true });
    correlatorMetrics.changelogBytes.inc(stateBytes);
  }
}
