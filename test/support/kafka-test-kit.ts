import { createKafka, type Admin, type ITopicConfig, type Kafka } from '@vigil/kafka';
import { uniqueTestName } from './test-names';

export function testKafka(clientId = uniqueTestName('test-client')): Kafka {
  const brokers = (process.env.KAFKA_BROKERS ?? '').split(',');
  return createKafka({ clientId, brokers });
}

/** Creates topics with random names for one test and deletes them afterwards. */
export class TestTopics {
  private readonly created: string[] = [];
  private admin?: Admin;

  constructor(private readonly kafka: Kafka) {}

  async create(prefix: string, options: Partial<ITopicConfig> = {}): Promise<string> {
    const topic = uniqueTestName(prefix).replace(/_/g, '-');
    this.admin ??= this.kafka.admin();
    await this.admin.connect();
    await this.admin.createTopics({
      waitForLeaders: true,
      topics: [{ numPartitions: 3, ...options, topic }],
    });
    this.created.push(topic);
    return topic;
  }

  async deleteAll(): Promise<void> {
    if (!this.admin) return;
    if (this.created.length > 0) await this.admin.deleteTopics({ topics: this.created.splice(0) });
    await this.admin.disconnect();
  }
}
