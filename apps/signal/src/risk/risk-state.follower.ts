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
import { RISK_TOPIC, SIGNAL_ENV, SIGNAL_KAFKA } from '../signal.constants';
import type { SignalEnv } from '../signal.config';
import { signalMetrics } from '../signal.metrics';
import { RiskStateStore } from './risk-state.store';

/**
 * Keeps the RiskStateStore current: reads every partition of vigil.subscriber-risk.v1 from its beginning (the
 * compacted topic is the whole state), then follows it. Each instance reads all of it in a group of its own, so any
 * number of instances serve behind a load balancer. Not ready until the topic has been read to its end.
 */
@Injectable()
export class RiskStateFollower implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly follower: BackgroundTopicFollower;

  constructor(
    @Inject(SIGNAL_KAFKA) kafka: Kafka,
    @Inject(RiskStateStore) private readonly store: RiskStateStore,
    @Inject(SIGNAL_ENV) env: SignalEnv,
    @Inject(ReadinessRegistry) private readonly readiness: ReadinessRegistry,
    @Inject(RISK_TOPIC) topic: string,
  ) {
    this.follower = new BackgroundTopicFollower(kafka, new Logger(RiskStateFollower.name), {
      topic,
      groupPrefix: 'vigil-signal',
      catchUpTimeoutMs: env.SIGNAL_CATCH_UP_TIMEOUT_MS,
      what: 'risk state',
      onRecord: ({ key, value }) => {
        const applied = this.store.apply(key, value);
        signalMetrics.riskRecords.inc({ outcome: applied ? 'applied' : 'invalid' });
      },
      onBatchEnd: () => signalMetrics.subscribersWithState.set(this.store.size),
      onCaughtUp: () => {
        this.store.markCaughtUp(Date.now());
        return { subscribers: this.store.size };
      },
    });
  }

  get ready(): boolean {
    return this.follower.caughtUp;
  }

  onApplicationBootstrap(): void {
    this.readiness.register('risk-state', () => this.ready);
    // In the background: liveness and metrics answer while a large topic is read.
    this.follower.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.follower.stop();
  }
}
