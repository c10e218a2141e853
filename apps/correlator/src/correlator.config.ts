import { z } from 'zod';
import { batchConsumerFields, envFields, kafkaServiceEnvSchema, loadConfig } from '@vigil/config';

const correlatorEnvSchema = kafkaServiceEnvSchema(3002, {
  CORRELATOR_GROUP_ID: z.string().min(1).default('vigil-correlator'),
  /** Rules used until the first version is published to vigil.rules.v1. */
  RULES_DIR: z.string().min(1).default('rules'),
  /** Event-time lateness an event may have and still be matched. */
  ALLOWED_LATENESS_MS: envFields.positiveInt(600_000), // 10 min
  /** How often quiet partitions write their changelog and sample their state gauges. */
  WATERMARK_TICK_MS: envFields.positiveInt(1_000), // 1 s
  FIRST_CONTACT_WINDOW_MS: envFields.positiveInt(2_592_000_000), // 30 days
  MAX_CONTACTS_PER_ENTITY: envFields.positiveInt(512),
  ...batchConsumerFields({
    // The partitions one instance owns; each partition's engine stays single-file.
    partitionsConsumedConcurrently: 12,
    // ≈ 10,000 entity events: big enough that an entity hit twice is written to the changelog once.
    fetchMaxBytes: 4_194_304, // 4 MiB
  }),
  /**
   * Minimum time between two changelog writes of a partition (alerts still go out with every batch). An entity
   * changed in between is written once, and input offsets are committed only as far as the last write: a crash
   * replays at most this much more input, whose alerts come again with the same ids.
   */
  CHANGELOG_INTERVAL_MS: envFields.nonNegativeInt(5_000), // 5 s
});

export type CorrelatorEnv = z.infer<typeof correlatorEnvSchema>;

export function loadCorrelatorEnv(env: Record<string, string | undefined>): CorrelatorEnv {
  return loadConfig('correlator', correlatorEnvSchema, env);
}
