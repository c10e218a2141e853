import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { SubscriberPreferenceTable } from '@vigil/alert-routing';
import { CompactedTopicReader, KAFKA_CLIENT } from '@vigil/kafka';
import type { AlertRouterSettings } from './alert-router.config';
import { ALERT_ROUTER_SETTINGS, SUBSCRIBER_PREFERENCES } from './alert-router.constants';

/**
 * Keeps every subscriber's language and opt-out from the compacted preferences topic in memory. Every instance
 * reads the whole topic: a subscriber's alerts may land on any instance. Caught up before the first alert is routed.
 */
@Injectable()
export class SubscriberPreferencesReader implements OnModuleDestroy {
  private readonly logger = new Logger(SubscriberPreferencesReader.name);
  private reader?: CompactedTopicReader;
  private malformed = 0;

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(ALERT_ROUTER_SETTINGS) private readonly settings: AlertRouterSettings,
    @Inject(SUBSCRIBER_PREFERENCES) private readonly table: SubscriberPreferenceTable,
  ) {}

  /** Resolves once the table holds everything the topic held when reading began. */
  async start(): Promise<void> {
    const topic = this.settings.topics.subscriberPreferences;
    this.reader = new CompactedTopicReader(this.kafka, {
      topic,
      groupId: `${this.settings.groups.alerts}-preferences-${this.settings.instanceId}`,
      onRecord: ({ key, value }) => {
        if (!this.table.apply(key, value?.toString('utf8') ?? null)) this.malformed += 1;
      },
    });
    await this.reader.start();
    this.logger.log({
      msg: 'subscriber preferences loaded',
      topic,
      subscribers: this.table.size,
      malformed: this.malformed,
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.reader?.stop();
  }
}
