import type { Message, PartitionMetadata } from 'kafkajs';

/** The arguments kafkajs' producer passes to its per-topic grouping of messages by partition. */
export interface MessageGroupingArgs {
  topic: string;
  partitionMetadata: PartitionMetadata[];
  messages: Message[];
  partitioner: (args: { topic: string; partitionMetadata: PartitionMetadata[]; message: Message }) => number;
}

/**
 * kafkajs 2.2.4's `groupMessagesPerPartition`, in linear time: the original copies a partition's whole array for
 * every message added to it (`[...current, message]`), quadratic in the messages per partition of a request, which
 * for a correlator changelog write (a thousand records to one partition) was a seventh of the service's garbage.
 * Same result: partition → its messages in their original order.
 */
export function groupMessagesPerPartition({
  topic,
  partitionMetadata,
  messages,
  partitioner,
}: MessageGroupingArgs): Record<number, Message[]> {
  if (partitionMetadata.length === 0) return {};
  const byPartition: Record<number, Message[]> = {};
  for (const message of messages) {
    const partition = partitioner({ topic, partitionMetadata, message });
    (byPartition[partition] ??= []).push(message);
  }
  return byPartition;
}
