import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { topicNames } from '@vigil/contracts';
import { envFields, kafkaServiceEnvSchema, loadConfig } from '@vigil/config';
import { loadRoutingConfig, type LoadedRoutingConfig, type RetryPolicy } from '@vigil/alert-routing';

const DAY_MS = 86_400_000;
/** An explicit topic name; unset means the standard name under VIGIL_TOPIC_PREFIX. */
const topicOverride = z.string().min(1).optional();

const alertRouterEnvSchema = kafkaServiceEnvSchema(3003, {
  ALERT_ROUTER_GROUP_ID: z.string().min(1).default('vigil-alert-router'),
  WEBHOOK_GROUP_ID: z.string().min(1).default('vigil-alert-router-webhooks'),
  ALERTS_TOPIC: topicOverride,
  NOTIFICATIONS_TOPIC: topicOverride,
  DLQ_TOPIC: topicOverride,
  SUBSCRIBER_PREFERENCES_TOPIC: topicOverride,
  ROUTER_STATE_TOPIC: topicOverride,
  WEBHOOK_OUTBOX_TOPIC: topicOverride,
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
  /** Bearer token the live feed (`GET /alerts/stream`, full numbers) asks of its one client, the console. */
  ALERT_FEED_TOKEN: envFields.secret('vigil-dev-alert-feed-token'),
  FETCH_MAX_WAIT_MS: envFields.positiveInt(50),
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
  feed: { token: string };
  http: { host: string; port: number };
  logLevel: string;
}

/** Validates the environment and the routing files once, at boot; throws naming every problem. */
export function loadAlertRouterSettings(env: Record<string, string | undefined>): AlertRouterSettings {
  const parsed = loadConfig('alert-router', alertRouterEnvSchema, env);
  const standard = topicNames(parsed.VIGIL_TOPIC_PREFIX);
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
      alerts: parsed.ALERTS_TOPIC ?? standard.alerts,
      notifications: parsed.NOTIFICATIONS_TOPIC ?? standard.notifications,
      deadLetters: parsed.DLQ_TOPIC ?? standard.dlq,
      subscriberPreferences: parsed.SUBSCRIBER_PREFERENCES_TOPIC ?? standard.subscriberPreferences,
      routerState: parsed.ROUTER_STATE_TOPIC ?? standard.alertRouterState,
      webhookOutbox: parsed.WEBHOOK_OUTBOX_TOPIC ?? standard.alertRouterWebhooks,
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
    feed: { token: parsed.ALERT_FEED_TOKEN },
    http: { host: parsed.HTTP_HOST, port: parsed.HTTP_PORT },
    logLevel: parsed.LOG_LEVEL,
  };
}
