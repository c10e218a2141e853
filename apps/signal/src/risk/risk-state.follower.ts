import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CompactedTableFollower, type Kafka } from '@vigil/kafka';
import { ReadinessRegistry } from '@vigil/observability';
import { randomUUID } from 'node:crypto';
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
  private readonly follower: CompactedTableFollower;

  constructor(
    @Inject(SIGNAL_KAFKA) kafka: Kafka,
    @Inject(RiskStateStore) store: RiskStateStore,
    @Inject(SIGNAL_ENV) env: SignalEnv,
    @Inject(ReadinessRegistry) private readonly readiness: ReadinessRegistry,
    @Inject(RISK_TOPIC) topic: string,
  ) {
    const countedStore = {
      get size() {
        return store.size;
      },
      apply(key: string | null, value: Buffer | null): boolean {
        const applied = store.apply(key, value);
        signalMetrics.riskRecords.inc({ outcome: applied ? 'applied' : 'invalid' });
        return applied;
      },
    };
    this.follower = new CompactedTableFollower(kafka, countedStore, {
      name: 'risk state',
      topic,
      groupId: `vigil-signal-${randomUUID()}`,
      catchUpTimeoutMs: env.SIGNAL_CATCH_UP_TIMEOUT_MS,
      onBatchEnd: () => signalMetrics.subscribersWithState.set(store.size),
      onCaughtUp: () => store.markCaughtUp(Date.now()),
    });
  }

  get ready(): boolean {
    return this.follower.caughtUp;
  }

  onApplicationBootstrap(): void {
    this.readiness.register('risk-state', () => this.ready);
    // In the background: liveness and metrics answer while a large topic is read.
    this.follower.startInBackground();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.follower.stop();
  }
}
