import type { Admin, Kafka } from 'kafkajs';

/** One partition's offsets as the broker reports them (decimal strings would be exact; Vigil's fit in a double). */
export interface PartitionEnds {
  partition: number;
  /** First offset still held. */
  low: number;
  /** Offset the next record will get: a consumer at it has read the partition to its end. */
  high: number;
}

/**
 * Asks the brokers where partitions start and end and where a group has committed: an admin client kept connected,
 * so polling every second costs one request each. Topic names are logical (the deployment's prefix is added here).
 */
export class PartitionOffsets {
  private readonly admin: Admin;
  private connected: Promise<void> | undefined;

  constructor(
    kafka: Kafka,
    private readonly topicPrefix = '',
  ) {
    this.admin = kafka.admin();
  }

  async ends(topic: string): Promise<PartitionEnds[]> {
    await this.connect();
    const offsets = await this.admin.fetchTopicOffsets(this.topicPrefix + topic);
    return offsets.map(({ partition, low, high }) => ({ partition, low: Number(low), high: Number(high) }));
  }

  /** The group's committed offset per partition of `topic`; partitions without a commit are left out. */
  async committed(groupId: string, topic: string): Promise<Map<number, number>> {
    await this.connect();
    const [offsets] = await this.admin.fetchOffsets({ groupId, topics: [this.topicPrefix + topic] });
    const committed = new Map<number, number>();
    for (const { partition, offset } of offsets?.partitions ?? [])
      if (Number(offset) >= 0) committed.set(partition, Number(offset));
    return committed;
  }

  async close(): Promise<void> {
    if (this.connected === undefined) return;
    this.connected = undefined;
    await this.admin.disconnect();
  }

  private connect(): Promise<void> {
    this.connected ??= this.admin.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    return this.connected;
  }
}
