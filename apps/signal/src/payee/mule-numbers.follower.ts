import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Kafka } from '@vigil/kafka';
import { ReadinessRegistry } from '@vigil/observability';
import { BackgroundTopicFollower } from '../follow/background-topic-follower';
import { MULE_TOPICS, SIGNAL_ENV, SIGNAL_KAFKA, type MuleTopics } from '../signal.constants';
import type { SignalEnv } from '../signal.config';
import { signalMetrics } from '../signal.metrics';
import { MuleNumbersStore, type MuleRecordOutcome } from './mule-numbers.store';

/** Expired numbers are forgotten at least this often, so a quiet topic does not hold them. */
const PRUNE_INTERVAL_MS = 60_000;

type Source = 'blocklist' | 'proposals';
const SOURCES: readonly Source[] = ['blocklist', 'proposals'];

/**
 * Keeps the MuleNumbersStore current with the compacted-topic reader the risk state uses: vigil.blocklist.v1
 * (approved) and vigil.blocklist-proposals.v1 (undecided), each read from its beginning in a group of its own, then
 * followed. Not ready until both are read to their end: a payee looked up before could be a mule not yet read.
 */
@Injectable()
export class MuleNumbersFollower implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly followers: BackgroundTopicFollower[];
  private pruning?: NodeJS.Timeout;

  constructor(
    @Inject(SIGNAL_KAFKA) kafka: Kafka,
    @Inject(MuleNumbersStore) private readonly store: MuleNumbersStore,
    @Inject(SIGNAL_ENV) env: SignalEnv,
    @Inject(ReadinessRegistry) private readonly readiness: ReadinessRegistry,
    @Inject(MULE_TOPICS) topics: MuleTopics,
  ) {
    const logger = new Logger(MuleNumbersFollower.name);
    this.followers = SOURCES.map((source) => {
      const apply: (key: string | null, value: Buffer | null, nowMs: number) => MuleRecordOutcome =
        source === 'blocklist'
          ? (key, value, nowMs) => this.store.applyBlocklistRecord(key, value, nowMs)
          : (key, value, nowMs) => this.store.applyProposalRecord(key, value, nowMs);
      return new BackgroundTopicFollower(kafka, logger, {
        topic: topics[source],
        groupPrefix: `vigil-signal-${source}`,
        catchUpTimeoutMs: env.SIGNAL_CATCH_UP_TIMEOUT_MS,
        what: 'mule numbers',
        onRecord: ({ key, value }) =>
          signalMetrics.muleRecords.inc({ source, outcome: apply(key, value, Date.now()) }),
        onBatchEnd: () => this.publishSizes(),
        onCaughtUp: () => {
          this.store.markSourceCaughtUp();
          this.publishSizes();
          return { ...this.store.sizes };
        },
      });
    });
  }

  get ready(): boolean {
    return this.followers.every((follower) => follower.caughtUp);
  }

  onApplicationBootstrap(): void {
    this.readiness.register('mule-numbers', () => this.ready);
    for (const follower of this.followers) follower.start();
    this.pruning = setInterval(() => {
      if (this.store.pruneExpired(Date.now())) this.publishSizes();
    }, PRUNE_INTERVAL_MS);
    this.pruning.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.pruning);
    await Promise.all(this.followers.map((follower) => follower.stop()));
  }

  private publishSizes(): void {
    const { approved, undecided } = this.store.sizes;
    signalMetrics.muleNumbers.set({ standing: 'approved' }, approved);
    signalMetrics.muleNumbers.set({ standing: 'undecided' }, undecided);
  }
}
