import { z } from 'zod';
import { envFields, loadConfig } from '@vigil/config';

/**
 * The sink's tuning, read from the environment (SINK_*): the analytics-sink app spreads these fields into its schema,
 * and `bench:sink` loads them alone, so the benchmark measures the sink with exactly the app's settings.
 */
export const analyticsSinkTuningFields = {
  /**
   * Each insert costs ClickHouse tens of ms of CPU whatever its size (18.16: a new part for entity_events and for
   * each of its views, 74 files, 70 MB of write buffers), so larger inserts cost it less per row.
   */
  SINK_MAX_ROWS_PER_INSERT: envFields.positiveInt(50_000),
  /** 0: an insert leaves as soon as the batches handed over together are buffered (see AnalyticsSinkOptions). */
  SINK_LINGER_MS: envFields.nonNegativeInt(0),
  /**
   * Partition batches decoded and inserted at once (kafkajs partitionsConsumedConcurrently): batches handed over
   * together share one insert, and the next batches are decoded while an insert runs.
   */
  SINK_PARTITIONS_CONCURRENTLY: envFields.positiveInt(4),
  /** Parties (subscriber numbers, senders) whose pseudonyms stay cached (≤ 2× this many entries of ~200 B each). */
  SINK_PSEUDONYM_CACHE_SIZE: envFields.positiveInt(150_000),
  /** The broker holds a fetch until this many bytes are ready or the wait is over: batching before the sink. */
  SINK_FETCH_MIN_BYTES: envFields.positiveInt(262_144), // 256 KiB
  SINK_FETCH_MAX_WAIT_MS: envFields.positiveInt(1_000),
  /** One partition's batch: 16 MiB ≈ 35k entity events, so a batch alone nearly fills an insert. */
  SINK_MAX_BYTES_PER_PARTITION: envFields.positiveInt(16_777_216), // 16 MiB
  /** A whole fetch: room for every partition consumed concurrently to bring a full batch (kafkajs' default: 10 MiB). */
  SINK_MAX_BYTES_PER_FETCH: envFields.positiveInt(67_108_864), // 64 MiB
};

const analyticsSinkTuningSchema = z.object(analyticsSinkTuningFields);

export type AnalyticsSinkTuning = z.infer<typeof analyticsSinkTuningSchema>;

/** The SINK_* tuning alone, defaults where unset; throws ConfigError naming every invalid variable. */
export function loadAnalyticsSinkTuning(env: Record<string, string | undefined>): AnalyticsSinkTuning {
  return loadConfig('analytics-sink', analyticsSinkTuningSchema, env);
}
