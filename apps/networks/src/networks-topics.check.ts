import type { TopicNames } from '@vigil/contracts';
import type { Kafka } from '@vigil/kafka';

/**
 * Refuses to start when a state changelog is not co-partitioned with the input it belongs to (the state of input
 * partition p lives in changelog partition p) or a topic the service needs does not exist; the stack and the
 * Kubernetes topics create them from TOPIC_SPECS.
 */
export async function checkNetworksTopics(kafka: Kafka, topics: TopicNames): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const partitions = async (topic: string): Promise<number> => {
      if (!existing.has(topic)) throw new Error(`topic ${topic} does not exist (see TOPIC_SPECS)`);
      const {
        topics: [metadata],
      } = await admin.fetchTopicMetadata({ topics: [topic] });
      return metadata.partitions.length;
    };
    for (const [input, state] of [
      [topics.entityEvents, topics.networkContactsState],
      [topics.networkObservations, topics.networkState],
    ]) {
      const [inputCount, stateCount] = [await partitions(input), await partitions(state)];
      if (inputCount !== stateCount)
        throw new Error(
          `${state} has ${stateCount} partitions, ${input} has ${inputCount}: state must be co-partitioned`,
        );
    }
    for (const topic of [topics.alerts, topics.networkFindings, topics.blocklistProposals])
      await partitions(topic);
  } finally {
    await admin.disconnect();
  }
}
