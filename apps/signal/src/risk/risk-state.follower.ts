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
import { RISK_TOPIC, SIGNAL_ENV, SIGNAL_KAFKA } from '../signal.constants';
import type { SignalEnv } from '../signal.config';
import { signalMetrics } from '../signal.metrics';
import { RiskStateStore } from './risk-state.store';

const RETRY_MS = 5_000;

/**
 * Keeps the RiskStateStore current: reads every partition of vigil.subscriber-risk.v1 from its beginning (the
 * compacted topic is the whole state), then follows it. Each instance reads all of it in a group of its own, so any
 * number of instances serve behind a load balancer. Not ready until the topic has been read to its end.
 */
@Injectable()
export class RiskStateFollower implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RiskStateFollower.name);
  private reader?: CompactedTopicReader;
  private caughtUp = false;
  private stopped = false;
  private retry?: NodeJS.Timeout;

  constructor(
    @Inject(SIGNAL_KAFKA) private readonly kafka: Kafka,
    @Inject(RiskStateStore) private readonly store: RiskStateStore,
    @Inject(SIGNAL_ENV) private readonly env: SignalEnv,
    @Inject(ReadinessRegistry) private readonly readiness: ReadinessRegistry,
    @Inject(RISK_TOPIC) private readonly topic: string,
  ) {}

  get ready(): boolean {
    return this.caughtUp;
  }

  onApplicationBootstrap(): void {
    this.readiness.register('risk-state', () => this.caughtUp);
    // In the background: liveness and metrics answer while a large topic is read.
    void this.follow();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    await this.reader?.stop();
  }

  private async follow(): Promise<void> {
    const started = Date.now();
    const reader = new CompactedTopicReader(this.kafka, {
      topic: this.topic,
      groupId: `vigil-signal-${randomUUID()}`,
      catchUpTimeoutMs: this.env.SIGNAL_CATCH_UP_TIMEOUT_MS,
      onRecord: ({ key, value }) => {
        const applied = this.store.apply(key, value);
        signalMetrics.riskRecords.inc({ outcome: applied ? 'applied' : 'invalid' });
      },
      onBatchEnd: () => signalMetrics.subscribersWithState.set(this.store.size),
    });
    this.reader = reader;
    try {
      await reader.start();
      this.store.markCaughtUp(Date.now());
      this.caughtUp = true;
      this.logger.log({
        msg: 'risk state read to its end',
        subscribers: this.store.size,
        seconds: (Date.now() - started) / 1000,
      });
    } catch (error) {
      if (this.stopped) return;
      this.logger.error({ msg: 'risk state not read; retrying', error: (error as Error).message });
      this.retry = setTimeout(() => void this.follow(), RETRY_MS);
    }
  }
}
