import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import { RouterState, decodeStateEntry, encodeStateEntry, type StateChange } from '@vigil/alert-routing';
import { CompactedTopicReader, KAFKA_CLIENT, KAFKA_PRODUCER } from '@vigil/kafka';
import type { AlertRouterSettings } from './alert-router.config';
import { ALERT_ROUTER_SETTINGS } from './alert-router.constants';
import { alertRouterMetrics } from './alert-router.metrics';

/**
 * The router's state per alert partition, persisted to a compacted changelog topic co-partitioned with the alerts
 * topic (state of alert partition p lives in changelog partition p). Restored when a partition is assigned, so
 * a restart, or another instance taking the partition over, continues with the same dedup and cool-downs.
 */
@Injectable()
export class RouterStateRepository {
  private readonly logger = new Logger(RouterStateRepository.name);
  private readonly states = new Map<number, RouterState>();

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
    @Inject(ALERT_ROUTER_SETTINGS) private readonly settings: AlertRouterSettings,
  ) {}

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
    const fresh = new Map(
      partitions.map((partition) => [partition, new RouterState(this.settings.state.maxEntriesPerPartition)]),
    );
    let restored = 0;
    let malformed = 0;
    const reader = new CompactedTopicReader(this.kafka, {
      topic: this.settings.topics.routerState,
      groupId: `${this.settings.groups.alerts}-restore-${this.settings.instanceId}-${Date.now().toString(36)}`,
      partitions: new Set(partitions),
      onRecord: ({ partition, key, value }) => {
        const state = fresh.get(partition);
        if (!state || key === null) return;
        try {
          state.restore(key, value === null ? null : decodeStateEntry(value));
          restored += 1;
        } catch {
          malformed += 1; // a foreign record in our changelog: skipping it only costs one dedup entry
        }
      },
      keepAlive,
    });
    await reader.start();
    await reader.stop();
    for (const [partition, state] of fresh) this.states.set(partition, state);
    alertRouterMetrics.stateRestored.inc(restored);
    this.logger.log({
      msg: 'router state restored',
      topic: this.settings.topics.routerState,
      partitions,
      entries: restored,
      malformed,
      durationMs: Date.now() - startedAt,
    });
  }

  /** Writes a batch's state changes to the partition's changelog; resolves once all in-sync replicas have them. */
  async persist(partition: number, changes: readonly StateChange[]): Promise<void> {
    if (changes.length === 0) return;
    await this.producer.send({
      topic: this.settings.topics.routerState,
      acks: -1,
      messages: changes.map((change) => ({
        partition,
        key: change.key,
        value: encodeStateEntry(change.entry),
      })),
    });
  }

  /** Forgets partitions this instance no longer owns; their next owner restores them from the changelog. */
  release(partitions: readonly number[]): void {
    for (const partition of partitions) this.states.delete(partition);
  }
}
