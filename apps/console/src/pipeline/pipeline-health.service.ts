import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from '@vigil/kafka';
import { topicNames } from '@vigil/contracts';
import { CONSOLE_ENV, CONSOLE_KAFKA } from '../console.constants';
import type { ConsoleEnv } from '../console.config';
import { RouterFeedRelay } from '../feed/router-feed.relay';
import { ConsumerLagMonitor, type GroupSample, type WatchedGroup } from './consumer-lag.monitor';
import type { PipelineHealth } from './pipeline-health.types';

/** Samples closer together than this reuse the last one: many open browsers cost one admin round per interval. */
const MIN_SAMPLE_INTERVAL_MS = 2_000;

/** Consumer lag and throughput of every pipeline service, plus the live feed's connection. */
@Injectable()
export class PipelineHealthService implements OnApplicationShutdown {
  private readonly logger = new Logger(PipelineHealthService.name);
  private readonly monitor: ConsumerLagMonitor;
  private readonly groups: WatchedGroup[];
  private previous?: GroupSample[];
  private latest?: { health: PipelineHealth; atMs: number };
  private inFlight?: Promise<PipelineHealth>;

  constructor(
    @Inject(CONSOLE_ENV) env: ConsoleEnv,
    @Inject(CONSOLE_KAFKA) kafka: Kafka,
    private readonly feed: RouterFeedRelay,
  ) {
    this.monitor = new ConsumerLagMonitor(kafka);
    const topics = topicNames(env.VIGIL_TOPIC_PREFIX);
    this.groups = [
      {
        service: 'ingest',
        groupId: env.INGEST_GROUP_ID,
        topics: [topics.sms, topics.calls, topics.payments],
      },
      { service: 'correlator', groupId: env.CORRELATOR_GROUP_ID, topics: [topics.entityEvents] },
      { service: 'alert-router', groupId: env.ALERT_ROUTER_GROUP_ID, topics: [topics.alerts] },
      { service: 'analytics-sink', groupId: env.SINK_GROUP_ID, topics: [topics.entityEvents, topics.alerts] },
    ];
  }

  async health(): Promise<PipelineHealth> {
    if (this.latest && Date.now() - this.latest.atMs < MIN_SAMPLE_INTERVAL_MS)
      return this.withFeed(this.latest.health);
    this.inFlight ??= this.measure().finally(() => (this.inFlight = undefined));
    return this.withFeed(await this.inFlight);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.monitor.close();
  }

  private withFeed(health: PipelineHealth): PipelineHealth {
    return { ...health, liveFeed: this.feed.status };
  }

  private async measure(): Promise<PipelineHealth> {
    let samples: GroupSample[];
    try {
      samples = await this.monitor.sample(this.groups);
    } catch (error) {
      this.logger.warn({ msg: 'consumer lag unavailable', error });
      return {
        sampledAt: new Date().toISOString(),
        kafkaReachable: false,
        groups: [],
        liveFeed: this.feed.status,
      };
    }
    const previous = this.previous;
    this.previous = samples;
    const rate = (now: number, before: number | undefined, seconds: number): number | null =>
      before === undefined || seconds <= 0 ? null : Math.max(0, (now - before) / seconds);
    const health: PipelineHealth = {
      sampledAt: new Date().toISOString(),
      kafkaReachable: true,
      groups: samples.map((sample) => {
        const before = previous?.find((entry) => entry.groupId === sample.groupId);
        const seconds = before ? (sample.atMs - before.atMs) / 1_000 : 0;
        return {
          service: sample.service,
          groupId: sample.groupId,
          state: sample.state,
          members: sample.members,
          topics: sample.topics,
          lag: sample.lag,
          consumedPerSecond: rate(sample.committed, before?.committed, seconds),
          producedPerSecond: rate(sample.end, before?.end, seconds),
        };
      }),
      liveFeed: this.feed.status,
    };
    this.latest = { health, atMs: Date.now() };
    return health;
  }
}
