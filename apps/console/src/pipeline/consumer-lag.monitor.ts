import { ConnectedOnFirstUse, type Admin, type Kafka } from '@vigil/kafka';

/** A service's consumer group and the topics it reads (physical names). */
export interface WatchedGroup {
  service: string;
  groupId: string;
  topics: string[];
}

/** One measurement of a group: committed and end offsets summed over its partitions. */
export interface GroupSample {
  service: string;
  groupId: string;
  topics: string[];
  state: string;
  members: number;
  committed: number;
  end: number;
  lag: number;
  atMs: number;
}

/**
 * Reads consumer-group lag through the Kafka admin API: per partition, end offset minus the group's committed
 * offset (a partition the group never committed counts from its low watermark). One admin connection, opened on
 * first use and reopened after an error.
 */
export class ConsumerLagMonitor {
  private readonly admin: ConnectedOnFirstUse<Admin>;

  constructor(kafka: Kafka) {
    this.admin = new ConnectedOnFirstUse(() => kafka.admin());
  }

  async sample(groups: readonly WatchedGroup[]): Promise<GroupSample[]> {
    const admin = await this.admin.get();
    try {
      // Only existing topics: kafkajs retries an unknown topic's metadata for many seconds before failing.
      const existing = new Set(await admin.listTopics());
      const topics = [...new Set(groups.flatMap((group) => group.topics))].filter((topic) =>
        existing.has(topic),
      );
      const offsets = new Map<string, { partition: number; high: number; low: number }[]>();
      for (const topic of topics) {
        const partitions = await admin.fetchTopicOffsets(topic);
        offsets.set(
          topic,
          partitions.map((p) => ({ partition: p.partition, high: Number(p.high), low: Number(p.low) })),
        );
      }
      const described = await admin.describeGroups(groups.map((group) => group.groupId));
      const atMs = Date.now();
      const samples: GroupSample[] = [];
      for (const group of groups) {
        const description = described.groups.find((entry) => entry.groupId === group.groupId);
        const present = group.topics.filter((topic) => (offsets.get(topic) ?? []).length > 0);
        const committedByTopic =
          present.length > 0 ? await admin.fetchOffsets({ groupId: group.groupId, topics: present }) : [];
        let committed = 0;
        let end = 0;
        let lag = 0;
        for (const topic of present) {
          const commits = committedByTopic.find((entry) => entry.topic === topic)?.partitions ?? [];
          for (const partition of offsets.get(topic) ?? []) {
            const offset = Number(commits.find((c) => c.partition === partition.partition)?.offset ?? -1);
            const position = offset >= 0 ? offset : partition.low;
            committed += position;
            end += partition.high;
            lag += Math.max(0, partition.high - position);
          }
        }
        samples.push({
          service: group.service,
          groupId: group.groupId,
          topics: group.topics,
          state: description?.state ?? 'Unknown',
          members: description?.members.length ?? 0,
          committed,
          end,
          lag,
          atMs,
        });
      }
      return samples;
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.admin.close();
  }
}
