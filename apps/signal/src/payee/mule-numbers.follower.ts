import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CompactedTopicReader, type Kafka } from '@vigil/kafka';
import { ReadinessRegistry } from '@vigil/observability';
import { randomUUID } from 'node:crypto';
import { MULE_TOPICS, SIGNAL_ENV, SIGNAL_KAFKA, type MuleTopics } from '../signal.constants';
import type { SignalEnv } from '../signal.config';
import { signalMetrics } from '../signal.metrics';
import { MuleNumbersStore, type MuleRecordOutcome } from './mule-numbers.store';

const RETRY_MS = 5_000;
/** Expired numbers are forgotten at least this often, so a quiet topic does not hold them. */
const PRUNE_INTERVAL_MS = 60_000;

type Source = 'blocklist' | 'proposals';

/**
 * Keeps the MuleNumbersStore current with the compacted-topic reader the risk state uses: vigil.blocklist.v1
 * (approved) and vigil.blocklist-proposals.v1 (undecided), each read from its beginning in a group of its own, then
 * followed. Not ready until both are read to their end: a payee looked up before could be a mule not yet read.
 */
@Injectable()
export class MuleNumbersFollower implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MuleNumbersFollower.name);
  private readonly readers = new Map<Source, CompactedTopicReader>();
  private readonly caughtUp = new Set<Source>();
  private readonly retries = new Map<Source, NodeJS.Timeout>();
  private pruning?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    @Inject(SIGNAL_KAFKA) private readonly kafka: Kafka,
    @Inject(MuleNumbersStore) private readonly store: MuleNumbersStore,
    @Inject(SIGNAL_ENV) private readonly env: SignalEnv,
    @Inject(ReadinessRegistry) private readonly readiness: ReadinessRegistry,
    @Inject(MULE_TOPICS) private readonly topics: MuleTopics,
  ) {}

  get ready(): boolean {
    return this.caughtUp.size === 2;
  }

  onApplicationBootstrap(): void {
    this.readiness.register('mule-numbers', () => this.ready);
    void this.follow('blocklist');
    void this.follow('proposals');
    this.pruning = setInterval(() => {
      if (this.store.pruneExpired(Date.now())) this.publishSizes();
    }, PRUNE_INTERVAL_MS);
    this.pruning.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pruning);
    for (const retry of this.retries.values()) clearTimeout(retry);
    await Promise.all([...this.readers.values()].map((reader) => reader.stop()));
  }

  private async follow(source: Source): Promise<void> {
    const apply: (key: string | null, value: Buffer | null, nowMs: number) => MuleRecordOutcome =
      source === 'blocklist'
        ? (key, value, nowMs) => this.store.applyBlocklistRecord(key, value, nowMs)
        : (key, value, nowMs) => this.store.applyProposalRecord(key, value, nowMs);
    const reader = new CompactedTopicReader(this.kafka, {
      topic: this.topics[source],
      groupId: `vigil-signal-${source}-${randomUUID()}`,
      catchUpTimeoutMs: this.env.SIGNAL_CATCH_UP_TIMEOUT_MS,
      onRecord: ({ key, value }) =>
        signalMetrics.muleRecords.inc({ source, outcome: apply(key, value, Date.now()) }),
      onBatchEnd: () => this.publishSizes(),
    });
    this.readers.set(source, reader);
    try {
      await reader.start();
      this.caughtUp.add(source);
      this.store.markSourceCaughtUp();
      this.publishSizes();
      this.logger.log({
        msg: 'mule numbers read to the end',
        topic: this.topics[source],
        ...this.store.sizes,
      });
    } catch (error) {
      if (this.stopped) return;
      this.logger.error({ msg: 'mule numbers not read; retrying', source, error: (error as Error).message });
      this.retries.set(
        source,
        setTimeout(() => void this.follow(source), RETRY_MS),
      );
    }
  }

  private publishSizes(): void {
    const { approved, undecided } = this.store.sizes;
    signalMetrics.muleNumbers.set({ standing: 'approved' }, approved);
    signalMetrics.muleNumbers.set({ standing: 'undecided' }, undecided);
  }
}
