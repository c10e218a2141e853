import { alertV1, type AlertV1 } from '@vigil/contracts';
import type { CorrelationEngine, SourceWatermarksSnapshotV1 } from '@vigil/correlation';
import type { ChangelogEntry, CoalescingProducer } from '@vigil/kafka';
import type { CorrelatorChangelog } from './correlator-changelog';
import { PROGRESS_KEY } from './correlator.constants';
import { correlatorMetrics } from './correlator.metrics';
import { encodeProgress } from './partition-progress';

/** What the changelog write of a partition needs from its engine, and the sources it has heard from. */
export type ChangelogSource = Pick<CorrelationEngine, 'snapshotEntity'> & {
  progress(): { maxEventTimeMs: number; sources: SourceWatermarksSnapshotV1 };
};

/** A partition's changelog write, prepared: the entity states it carries, the progress record last. */
export interface ChangelogWrite {
  partition: number;
  entries: ChangelogEntry[];
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
    private readonly alertsTopic: string,
    private readonly changelog: Pick<CorrelatorChangelog, 'write'>,
  ) {}

  /** Resolves once every alert is acknowledged by all in-sync replicas. */
  async sendAlerts(alerts: readonly AlertV1[]): Promise<void> {
    await this.producer.send(
      this.alertsTopic,
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
    const entries: ChangelogEntry[] = [];
    let stateBytes = 0;
    for (const entity of entities) {
      const state = engine.snapshotEntity(entity) ?? null;
      stateBytes += state?.length ?? 0;
      entries.push({ key: entity, value: state });
    }
    const { maxEventTimeMs, sources } = engine.progress();
    // Last: the changelog never makes it durable before the states it vouches for.
    entries.push({
      key: PROGRESS_KEY,
      value: encodeProgress({
        inputOffset: coveredOffset,
        maxEventTimeMs: Number.isFinite(maxEventTimeMs) ? maxEventTimeMs : null,
        sources,
      }),
    });
    return { partition, entries, stateBytes };
  }

  /** Resolves once the states and, never before them, the progress record are durable (PartitionChangelog.write). */
  async writeChangelog({ partition, entries, stateBytes }: ChangelogWrite): Promise<void> {
    await this.changelog.write(partition, entries);
    correlatorMetrics.changelogBytes.inc(stateBytes);
  }
}
