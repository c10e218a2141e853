import type { PartitionMetadata } from 'kafkajs';

/** Metadata of a topic with `count` healthy partitions, all led by broker 1: what partitioners are handed. */
export const singleBrokerPartitions = (count: number): PartitionMetadata[] =>
  Array.from({ length: count }, (_, partitionId) => ({
    partitionId,
    leader: 1,
    replicas: [1],
    isr: [1],
    offlineReplicas: [],
    partitionErrorCode: 0,
  }));
