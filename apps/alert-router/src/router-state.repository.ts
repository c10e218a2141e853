import { Inject, Injectable, Logger } from '@nestjs/common';
import { RouterState, decodeStateEntry, encodeStateEntry, type StateChange } from '@vigil/alert-routing';
import {
  COALESCING_PRODUCER,
  type ChangelogTable,
  type CoalescingProducer,
  KAFKA_CLIENT,
  type Kafka,
  PartitionChangelog,
} from '@vigil/kafka';
import type { AlertRouterSettings } from './alert-router.config';
import { ALERT_ROUTER_SETTINGS } from './alert-router.constants';
import { alertRouterMetrics } from './alert-router.metrics';

/** A partition's state as its changelog restores it, with what the restore read. */
interface RestoredRouterState {
  state: RouterState;
  entries: number;
  malformed: number;
}

/**
 * The router's state per alert partition, persisted to a compacted changelog topic co-partitioned with the alerts
 * topic (state of alert partition p lives in changelog partition p). Restored when a partition is assigned, so
 * a restart, or another instance taking the partition over, continues with the same dedup and cool-downs.
 */
@Injectable()
export class RouterStateRepository {
  private readonly logger = new Logger(RouterStateRepository.name);
  private readonly states = new Map<number, RouterState>();
  private readonly changelog: PartitionChangelog<RestoredRouterState>;

  constructor(
    @Inject(KAFKA_CLIENT) kafka: Kafka,
    @Inject(COALESCING_PRODUCER) producer: CoalescingProducer,
    @Inject(ALERT_ROUTER_SETTINGS) private readonly settings: AlertRouterSettings,
  ) {
    const maxEntries = settings.state.maxEntriesPerPartition;
    const table: ChangelogTable<RestoredRouterState> = {
      empty: () => ({ state: new RouterState(maxEntries), entries: 0, malformed: 0 }),
      apply: (restored, key, value) => {
        try {
          restored.state.restore(key, value === null ? null : decodeStateEntry(value));
          restored.entries += 1;
        } catch {
          restored.malformed += 1; // a foreign record in our changelog: skipping it only costs one dedup entry
        }
      },
    };
    this.changelog = new PartitionChangelog(kafka, producer, {
      topic: settings.topics.routerState,
      restoreGroupPrefix: `${settings.groups.alerts}-restore-${settings.instanceId}`,
      table,
    });
  }

  /** The in-memory state of a partition (restored or empty). */
  of(partition: number): RouterState {
    let state = this.states.get(partition);
    if (!state) {
      state = new RouterState(this.settings.state.maxEntriesPerPartition);
      this.states.set(partition, state);
    }
    return state;
  }

  /** Replaces the state of `partitions` with what the changelog holds. */
  async restore(partitions: readonly number[], keepAlive?: () => Promise<void>): Promise<void> {
    const startedAt = Date.now();
    const restored = await this.changelog.restore(partitions, keepAlive);
    let entries = 0;
    let malformed = 0;
    for (const [partition, partitionState] of restored) {
      this.states.set(partition, partitionState.state);
      entries += partitionState.entries;
      malformed += partitionState.malformed;
    }
    alertRouterMetrics.stateRestored.inc(entries);
    this.logger.log({
      msg: 'router state restored',
      topic: this.settings.topics.routerState,
      partitions,
      entries,
      malformed,
      durationMs: Date.now() - startedAt,
    });
  }

  /** Writes a batch's state changes to the partition's changelog; resolves once all in-sync replicas have them. */
  async persist(partition: number, changes: readonly StateChange[]): Promise<void> {
    await this.changelog.write(
      partition,
      changes.map((change) => ({ key: change.key, value: encodeStateEntry(change.entry) })),
    );
  }

  /** Forgets partitions this instance no longer owns; their next owner restores them from the changelog. */
  release(partitions: readonly number[]): void {
    for (const partition of partitions) this.states.delete(partition);
  }
}
