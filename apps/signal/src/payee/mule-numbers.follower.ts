import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CompactedTableFollower, type CompactedTable, type Kafka } from '@vigil/kafka';
import { ReadinessRegistry } from '@vigil/observability';
import { randomUUID } from 'node:crypto';
import { MULE_TOPICS, SIGNAL_ENV, SIGNAL_KAFKA, type MuleTopics } from '../signal.constants';
import type { SignalEnv } from '../signal.config';
import { signalMetrics } from '../signal.metrics';
import { MuleNumbersStore } from './mule-numbers.store';

/** Expired numbers are forgotten at least this often, so a quiet topic does not hold them. */
const PRUNE_INTERVAL_MS = 60_000;

type Source = 'blocklist' | 'proposals';
const SOURCES: readonly Source[] = ['blocklist', 'proposals'];

/**
 * Keeps the MuleNumbersStore current with the compacted-table follower the risk state uses: vigil.blocklist.v1
 * (approved) and vigil.blocklist-proposals.v1 (undecided), each read from its beginning in a group of its own, then
 * followed. Not ready until both are read to their end: a payee looked up before could be a mule not yet read.
 */
@Injectable()
export class MuleNumbersFollower implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly followers: CompactedTableFollower[];
  private pruning?: NodeJS.Timeout;

  constructor(
    @Inject(SIGNAL_KAFKA) kafka: Kafka,
    @Inject(MuleNumbersStore) private readonly store: MuleNumbersStore,
    @Inject(SIGNAL_ENV) env: SignalEnv,
    @Inject(ReadinessRegistry) private readonly readiness: ReadinessRegistry,
    @Inject(MULE_TOPICS) topics: MuleTopics,
  ) {
    this.followers = SOURCES.map(
      (source) =>
        new CompactedTableFollower(kafka, this.sourceTable(source), {
          name: `mule numbers (${source})`,
          topic: topics[source],
          groupId: `vigil-signal-${source}-${randomUUID()}`,
          catchUpTimeoutMs: env.SIGNAL_CATCH_UP_TIMEOUT_MS,
          onBatchEnd: () => this.publishSizes(),
          onCaughtUp: () => {
            this.store.markSourceCaughtUp();
            this.publishSizes();
          },
        }),
    );
  }

  get ready(): boolean {
    return this.followers.every((follower) => follower.caughtUp);
  }

  onApplicationBootstrap(): void {
    this.readiness.register('mule-numbers', () => this.ready);
    for (const follower of this.followers) follower.startInBackground();
    this.pruning = setInterval(() => {
      if (this.store.pruneExpired(Date.now())) this.publishSizes();
    }, PRUNE_INTERVAL_MS);
    this.pruning.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.pruning);
    await Promise.all(this.followers.map((follower) => follower.stop()));
  }

  /** One source's records applied to the store, each outcome counted; its size, the numbers it holds. */
  private sourceTable(source: Source): CompactedTable {
    const store = this.store;
    const standing = source === 'blocklist' ? 'approved' : 'undecided';
    return {
      get size() {
        return store.sizes[standing];
      },
      apply(key, value) {
        const nowMs = Date.now();
        const outcome =
          source === 'blocklist'
            ? store.applyBlocklistRecord(key, value, nowMs)
            : store.applyProposalRecord(key, value, nowMs);
        signalMetrics.muleRecords.inc({ source, outcome });
        return outcome !== 'invalid';
      },
    };
  }

  private publishSizes(): void {
    const { approved, undecided } = this.store.sizes;
    signalMetrics.muleNumbers.set({ standing: 'approved' }, approved);
    signalMetrics.muleNumbers.set({ standing: 'undecided' }, undecided);
  }
}
