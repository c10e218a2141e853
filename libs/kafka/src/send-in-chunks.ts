import type { Message, Producer } from 'kafkajs';
import { messageSize } from './message-size';

/** Stays well under the broker's default `message.max.bytes` (1 MiB) per produced record batch. */
export const MAX_PRODUCE_REQUEST_BYTES = 524_288; // 512 KiB

/**
 * Produces `messages` to `topic` in sends small enough for the broker: one fetched batch can fan out into more
 * bytes than a single produce request may carry. Resolves once every chunk is acknowledged by all in-sync replicas.
 */
export async function sendInChunks(producer: Producer, topic: string, messages: Message[]): Promise<void> {
  let chunk: Message[] = [];
  let chunkBytes = 0;
  for (const message of messages) {
    const bytes = messageSize(message);
    if (chunk.length > 0 && chunkBytes + bytes > MAX_PRODUCE_REQUEST_BYTES) {
      await producer.send({ topic, acks: -1, messages: chunk });
      chunk = [];
      chunkBytes = 0;
    }
    chunk.push(message);
    chunkBytes += bytes;
  }
  if (chunk.length > 0) await producer.send({ topic, acks: -1, messages: chunk });
}
