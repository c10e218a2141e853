import type { TopicSpec } from '@vigil/contracts';
import { ConfigResourceTypes } from 'kafkajs';
import { testKafka } from '../../../test/support/kafka-test-kit';
import { uniqueTestName } from '../../../test/support/test-names';
import { ensureTopics } from './topic-admin';

describe(ensureTopics.name, () => {
  it('creates missing topics with their partitions and cleanup policy, and is idempotent', async () => {
    const kafka = testKafka();
    const specs: TopicSpec[] = [
      { name: uniqueTestName('events').replace(/_/g, '-'), cleanupPolicy: 'delete', retentionMs: 3_600_000 },
      { name: uniqueTestName('state').replace(/_/g, '-'), cleanupPolicy: 'compact', partitions: 2 },
    ];
    const admin = kafka.admin();
    await admin.connect();
    try {
      expect(await ensureTopics(kafka, specs, 4)).toEqual(specs.map((spec) => spec.name));
      expect(await ensureTopics(kafka, specs, 4)).toEqual([]);

      const metadata = await admin.fetchTopicMetadata({ topics: specs.map((spec) => spec.name) });
      const partitionsByTopic = Object.fromEntries(
        metadata.topics.map((topic) => [topic.name, topic.partitions.length]),
      );
      expect(partitionsByTopic).toEqual({ [specs[0].name]: 4, [specs[1].name]: 2 });
      const configs = await admin.describeConfigs({
        includeSynonyms: false,
        resources: specs.map((spec) => ({
          type: ConfigResourceTypes.TOPIC,
          name: spec.name,
          configNames: ['cleanup.policy'],
        })),
      });
      expect(configs.resources.map((resource) => resource.configEntries[0].configValue)).toEqual([
        'delete',
        'compact',
      ]);
    } finally {
      await admin.deleteTopics({ topics: specs.map((spec) => spec.name) });
      await admin.disconnect();
    }
  });
});
