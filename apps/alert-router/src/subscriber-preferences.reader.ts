import { Logger, type OnModuleDestroy } from '@nestjs/common';
import type { SubscriberPreferenceTable } from '@vigil/alert-routing';
import { CompactedTopicReader, type Kafka } from '@vigil/kafka';
import type { AlertRouterSettings } from './alert-router.config';

/**
 * Keeps every subscriber's language and opt-out from the compacted preferences topic in memory. Every instance
 * reads the whole topic: a subscriber's alerts may land on any instance. Caught up before the first alert is routed.
 */
export class SubscriberPreferencesReader implements OnModuleDestroy {
  private readonly logger = new Logger(SubscriberPreferencesReader.name);
  private reader?: CompactedTopicReader;
  private malformed = 0;

  constructor(
    private readonly kafka: Kafka,
    private readonly settings: AlertRouterSettings,
    private readonly table: SubscriberPreferenceTable,
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
