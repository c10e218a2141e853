import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ALERTS_TOPIC, DLQ_TOPIC, NOTIFICATIONS_TOPIC, SUBSCRIBER_PREFERENCES_TOPIC } from '@vigil/contracts';
import { envFields, loadConfig } from '@vigil/config';
import { loadRoutingConfig, type LoadedRoutingConfig, type RetryPolicy } from '@vigil/alert-routing';

/** Topics the router owns (not yet in TOPIC_SPECS): its changelog and its webhook outbox. */
export const ROUTER_STATE_TOPIC = 'vigil.alert-router-state.v1';
export const WEBHOOK_OUTBOX_TOPIC = 'vigil.alert-router-webhooks.v1';

const DAY_MS = 86_400_000;
const topicName = (defaultName: string) => z.string().min(1).default(defaultName);

const alertRouterEnvSchema = z.object({
  KAFKA_BROKERS: envFields.kafkaBrokers,
  ALERT_ROUTER_GROUP_ID: z.string().min(1).default('vigil-alert-router'),
  WEBHOOK_GROUP_ID: z.string().min(1).default('vigil-alert-router-webhooks'),
  ALERTS_TOPIC: topicName(ALERTS_TOPIC),
  NOTIFICATIONS_TOPIC: topicName(NOTIFICATIONS_TOPIC),
  DLQ_TOPIC: topicName(DLQ_TOPIC),
  SUBSCRIBER_PREFERENCES_TOPIC: topicName(SUBSCRIBER_PREFERENCES_TOPIC),
  ROUTER_STATE_TOPIC: topicName(ROUTER_STATE_TOPIC),
  WEBHOOK_OUTBOX_TOPIC: topicName(WEBHOOK_OUTBOX_TOPIC),
  ALERT_ROUTER_CONFIG_DIR: z.string().min(1).default('config/alert-router'),
  /** HMAC-SHA256 key of the X-Vigil-Signature header; receivers hold the same secret. */
  WEBHOOK_SIGNING_SECRET: envFields.secret('vigil-dev-webhook-signing-secret'),
  WEBHOOK_MAX_ATTEMPTS: envFields.positiveInt(5),
  WEBHOOK_BASE_BACKOFF_MS: envFields.positiveInt(500),
  WEBHOOK_MAX_BACKOFF_MS: envFields.positiveInt(10_000), // 10 s: stays well under the 30 s consumer session timeout
  WEBHOOK_TIMEOUT_MS: envFields.positiveInt(5_000), // 5 s per attempt
  WEBHOOK_CONCURRENCY: envFields.positiveInt(16),
  /** How long an alertId is remembered (alert time): replays after a correlator crash fall well inside. */
  DEDUP_RETENTION_MS: envFields.positiveInt(7 * DAY_MS),
  STATE_MAX_ENTRIES_PER_PARTITION: envFields.positiveInt(500_000),
  /** retention.ms of the state topic (compact,delete): longer than every window it stores. */
  STATE_TOPIC_RETENTION_MS: envFields.positiveInt(8 * DAY_MS),
  DLQ_TEXT_HASH_KEY: envFields.secret('vigil-dev-dlq-text-hash-key'),
  FETCH_MAX_WAIT_MS: envFields.positiveInt(50),
  HTTP_HOST: envFields.httpHost,
  HTTP_PORT: envFields.httpPort(3003),
  LOG_LEVEL: envFields.logLevel,
});

export type AlertRouterEnv = z.infer<typeof alertRouterEnvSchema>;

/** The router's typed configuration: environment plus the routing and template files. */
export interface AlertRouterSettings {
  serviceName: 'alert-router';
  /** Distinguishes this process's private readers (preferences, state restore) from other instances'. */
  instanceId: string;
  kafka: { brokers: string[]; clientId: string; textHashKey: string; fetchMaxWaitMs: number };
  topics: {
    alerts: string;
    notifications: string;
    deadLetters: string;
    subscriberPreferences: string;
    routerState: string;
    webhookOutbox: string;
  };
  groups: { alerts: string; webhooks: string };
  routing: LoadedRoutingConfig;
  state: { dedupRetentionMs: number; maxEntriesPerPartition: number; topicRetentionMs: number };
  webhooks: { signingSecret: string; retry: RetryPolicy; timeoutMs: number; concurrency: number };
  http: { host: string; port: number };
  logLevel: string;
}

/** Validates the environment and the routing files once, at boot; throws naming every problem. */
export function loadAlertRouterSettings(env: Record<string, string | undefined>): AlertRouterSettings {
  const parsed = loadConfig('alert-router', alertRouterEnvSchema, env);
  return {
    serviceName: 'alert-router',
    instanceId: randomBytes(4).toString('hex'),
    kafka: {
      brokers: parsed.KAFKA_BROKERS,
      clientId: 'vigil-alert-router',
      textHashKey: parsed.DLQ_TEXT_HASH_KEY,
      fetchMaxWaitMs: parsed.FETCH_MAX_WAIT_MS,
    },
    topics: {
      alerts: parsed.ALERTS_TOPIC,
      notifications: parsed.NOTIFICATIONS_TOPIC,
      deadLetters: parsed.DLQ_TOPIC,
      subscriberPreferences: parsed.SUBSCRIBER_PREFERENCES_TOPIC,
      routerState: parsed.ROUTER_STATE_TOPIC,
      webhookOutbox: parsed.WEBHOOK_OUTBOX_TOPIC,
    },
    groups: { alerts: parsed.ALERT_ROUTER_GROUP_ID, webhooks: parsed.WEBHOOK_GROUP_ID },
    routing: loadRoutingConfig(parsed.ALERT_ROUTER_CONFIG_DIR),
    state: {
      dedupRetentionMs: parsed.DEDUP_RETENTION_MS,
      maxEntriesPerPartition: parsed.STATE_MAX_ENTRIES_PER_PARTITION,
      topicRetentionMs: parsed.STATE_TOPIC_RETENTION_MS,
    },
    webhooks: {
      signingSecret: parsed.WEBHOOK_SIGNING_SECRET,
      retry: {
        maxAttempts: parsed.WEBHOOK_MAX_ATTEMPTS,
        baseBackoffMs: parsed.WEBHOOK_BASE_BACKOFF_MS,
        maxBackoffMs: parsed.WEBHOOK_MAX_BACKOFF_MS,
      },
      timeoutMs: parsed.WEBHOOK_TIMEOUT_MS,
      concurrency: parsed.WEBHOOK_CONCURRENCY,
    },
    http: { host: parsed.HTTP_HOST, port: parsed.HTTP_PORT },
    logLevel: parsed.LOG_LEVEL,
  };
}
