import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { topicNames, type TopicNames } from '@vigil/contracts';
import { batchConsumerFields, batchConsumerSettings, kafkaServiceEnvSchema, loadConfig } from '@vigil/config';
import type { KafkaServiceEnv } from '@vigil/kafka';
import { loadNetworksConfig, type NetworksConfig } from '@vigil/networks';

const networksEnvSchema = kafkaServiceEnvSchema(3007, {
  /** The repartition step: entity events and alerts in, observations keyed by number out. */
  NETWORKS_REPARTITION_GROUP_ID: z.string().min(1).default('vigil-networks-repartition'),
  /** The detection stage: observations in, findings and proposals out. */
  NETWORKS_DETECTION_GROUP_ID: z.string().min(1).default('vigil-networks-detection'),
  NETWORKS_CONFIG_DIR: z.string().min(1).default('config/networks'),
  ...batchConsumerFields({
    // The entity-event and alert partitions one instance owns.
    partitionsConsumedConcurrently: 12,
    fetchMaxBytes: 4_194_304, // 4 MiB
  }),
});

export type NetworksEnv = z.infer<typeof networksEnvSchema>;

/** The networks service's typed configuration: environment plus config/networks. */
export interface NetworksSettings {
  /** Distinguishes this process's private readers (proposals, state restores) from other instances'. */
  instanceId: string;
  /** The broker, topic prefix, dead-letter key and log level, as every consuming service reads them. */
  service: KafkaServiceEnv;
  topics: TopicNames;
  groups: { repartition: string; detection: string };
  consumer: ReturnType<typeof batchConsumerSettings>;
  networks: NetworksConfig;
  http: { host: string; port: number };
}

/** Validates the environment and config/networks once, at boot; throws naming every problem. */
export function loadNetworksSettings(env: Record<string, string | undefined>): NetworksSettings {
  const parsed = loadConfig('networks', networksEnvSchema, env);
  return {
    instanceId: randomBytes(4).toString('hex'),
    service: {
      KAFKA_BROKERS: parsed.KAFKA_BROKERS,
      VIGIL_TOPIC_PREFIX: parsed.VIGIL_TOPIC_PREFIX,
      DLQ_TEXT_HASH_KEY: parsed.DLQ_TEXT_HASH_KEY,
      LOG_LEVEL: parsed.LOG_LEVEL,
    },
    topics: topicNames(parsed.VIGIL_TOPIC_PREFIX),
    groups: {
      repartition: parsed.NETWORKS_REPARTITION_GROUP_ID,
      detection: parsed.NETWORKS_DETECTION_GROUP_ID,
    },
    consumer: batchConsumerSettings(parsed),
    networks: loadNetworksConfig(parsed.NETWORKS_CONFIG_DIR),
    http: { host: parsed.HTTP_HOST, port: parsed.HTTP_PORT },
  };
}
