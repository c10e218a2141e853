import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { SerialTicker } from '@vigil/kafka';
import { ReadinessRegistry } from '@vigil/observability';
import { CORRELATOR_ENV } from './correlator.constants';
import type { CorrelatorEnv } from './correlator.config';
import { PartitionRegistry } from './partition-registry';
import { RulesFeed } from './rules-feed';

/** Starts the rules feed, runs the watermark ticker, and stops both in order on shutdown. */
@Injectable()
export class CorrelatorLifecycle
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger(CorrelatorLifecycle.name);
  private readonly ticker = new SerialTicker(this.logger, 'watermark', () =>
    this.partitions.tick(Date.now()),
  );

  constructor(
    @Inject(PartitionRegistry) private readonly partitions: PartitionRegistry,
    @Inject(RulesFeed) private readonly rules: RulesFeed,
    @Inject(CORRELATOR_ENV) private readonly env: CorrelatorEnv,
    @Inject(ReadinessRegistry) private readonly readiness: ReadinessRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.rules.start();
    this.readiness.register('rules', () => this.rules.rules.rules.length > 0);
    this.ticker.start(this.env.WATERMARK_TICK_MS);
  }

  beforeApplicationShutdown(): void {
    this.ticker.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.rules.stop();
  }
}
