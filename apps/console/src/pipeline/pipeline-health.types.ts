/** Lag and throughput of one service's consumer group. */
export interface ConsumerGroupHealth {
  service: string;
  groupId: string;
  /** Kafka's group state (`Stable`, `Empty`, `PreparingRebalance`, `Dead` …). */
  state: string;
  members: number;
  topics: string[];
  /** Records produced to its topics and not yet committed by the group (sum over partitions). */
  lag: number;
  /** Commits per second over the last sampling interval; null on the first sample. */
  consumedPerSecond: number | null;
  /** Records appended to its topics per second over the last sampling interval; null on the first sample. */
  producedPerSecond: number | null;
}

/** What the pipeline page shows. */
export interface PipelineHealth {
  sampledAt: string;
  kafkaReachable: boolean;
  groups: ConsumerGroupHealth[];
  /** `upstream` (the router's internal address) is shown to admins only. */
  liveFeed: { connected: boolean; lastItemAt: string | null; upstream?: string };
}
