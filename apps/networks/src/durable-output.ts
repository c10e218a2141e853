import { type Producer, RetriableBatchError, type TopicMessages } from '@vigil/kafka';

/** The items as messages to `topic`, each keyed by the number it is about (the networks topics' key). */
export function keyedByNumber<T extends { number: string }>(
  topic: string,
  items: readonly T[],
  serialize: (item: T) => Buffer,
): TopicMessages {
  return { topic, messages: items.map((item) => ({ key: item.number, value: serialize(item) })) };
}

/**
 * Sends the non-empty topics' messages and resolves once all in-sync replicas have them; a failure retries the batch
 * (`what` names the output in its error), so nothing is committed past an output that was lost.
 */
export async function sendDurably(
  producer: Producer,
  topicMessages: readonly TopicMessages[],
  what: string,
): Promise<void> {
  const nonEmpty = topicMessages.filter(({ messages }) => messages.length > 0);
  if (nonEmpty.length === 0) return;
  try {
    await producer.sendBatch({ acks: -1, topicMessages: nonEmpty });
  } catch (error) {
    throw new RetriableBatchError(`${what} not durable`, { cause: error });
  }
}
