import { type DynamicModule, Module } from '@nestjs/common';
import { AlertRouter, SubscriberPreferenceTable } from '@vigil/alert-routing';
import { ALERT_ROUTER_WEBHOOKS_TOPIC, ALERTS_TOPIC } from '@vigil/contracts';
import { CompactedTableFollower, KAFKA_CLIENT, type Kafka, KafkaModule } from '@vigil/kafka';
import { ObservabilityModule } from '@vigil/observability';
import { AlertFeed } from './alert-feed';
import { AlertFeedController } from './alert-feed.controller';
import { AlertIntakeService } from './alert-intake.service';
import type { AlertRouterSettings } from './alert-router.config';
import {
  ALERT_ROUTER,
  ALERT_ROUTER_SETTINGS,
  SUBSCRIBER_PREFERENCES,
  WEBHOOK_OUTBOX_TRANSPORT,
} from './alert-router.constants';
import { AlertRouterController } from './alert-router.controller';
import { RouterStateRepository } from './router-state.repository';
import { RouterTopicsProvisioner } from './router-topics.provisioner';
import { RoutingAudit } from './routing-audit';
import { WebhookDispatcher } from './webhook.dispatcher';
import { WebhookSender } from './webhook.sender';

/**
 * Composition root of the alert router, built from its validated settings. Two consumers on the shared transport:
 * the alerts (the main one) and the webhook outbox, a consumer group with a fetch loop of its own so that webhook
 * retries never hold up the alerts. Their topics may be named by configuration; handlers see the logical names.
 * Its own topics and the subscriber preferences are ready while the module is built, before either consumer starts.
 */
@Module({})
export class AlertRouterModule {
  static forRoot(settings: AlertRouterSettings): DynamicModule {
    return {
      module: AlertRouterModule,
      imports: [
        ObservabilityModule.forRoot({ serviceName: settings.serviceName, logLevel: settings.logLevel }),
        KafkaModule.forRootAsync({
          useFactory: () => ({
            connection: { brokers: settings.kafka.brokers, clientId: settings.kafka.clientId },
            textHashKey: settings.kafka.textHashKey,
            consumer: {
              groupId: settings.groups.alerts,
              topics: [ALERTS_TOPIC],
              topicOverrides: { [ALERTS_TOPIC]: settings.topics.alerts },
              serviceName: settings.serviceName,
              deadLetterTopic: settings.topics.deadLetters,
              maxWaitTimeMs: settings.kafka.fetchMaxWaitMs,
            },
            separateConsumers: [
              {
                transport: WEBHOOK_OUTBOX_TRANSPORT,
                consumer: {
                  groupId: settings.groups.webhooks,
                  topics: [ALERT_ROUTER_WEBHOOKS_TOPIC],
                  topicOverrides: { [ALERT_ROUTER_WEBHOOKS_TOPIC]: settings.topics.webhookOutbox },
                  serviceName: settings.serviceName,
                  deadLetterTopic: settings.topics.deadLetters,
                  maxWaitTimeMs: settings.kafka.fetchMaxWaitMs,
                },
              },
            ],
          }),
        }),
      ],
      controllers: [AlertFeedController, AlertRouterController],
      providers: [
        { provide: ALERT_ROUTER_SETTINGS, useValue: settings },
        { provide: SUBSCRIBER_PREFERENCES, useValue: new SubscriberPreferenceTable() },
        {
          provide: ALERT_ROUTER,
          inject: [SUBSCRIBER_PREFERENCES],
          useFactory: (preferences: SubscriberPreferenceTable) =>
            new AlertRouter({
              config: settings.routing.config,
              templates: settings.routing.templates,
              preferences,
              dedupRetentionMs: settings.state.dedupRetentionMs,
            }),
        },
        {
          provide: RouterTopicsProvisioner,
          inject: [KAFKA_CLIENT],
          useFactory: async (kafka: Kafka) => {
            const provisioner = new RouterTopicsProvisioner(kafka, settings);
            await provisioner.provision();
            return provisioner;
          },
        },
        RouterStateRepository,
        {
          // Caught up before the first alert is routed. Every instance reads the whole topic: a subscriber's
          // alerts may land on any instance.
          provide: CompactedTableFollower,
          inject: [KAFKA_CLIENT, SUBSCRIBER_PREFERENCES],
          useFactory: async (kafka: Kafka, table: SubscriberPreferenceTable) => {
            return CompactedTableFollower.caughtUp(kafka, table, {
              name: 'subscriber preferences',
              topic: settings.topics.subscriberPreferences,
              groupId: `${settings.groups.alerts}-preferences-${settings.instanceId}`,
            });
          },
        },
        AlertFeed,
        RoutingAudit,
        WebhookSender,
        WebhookDispatcher,
        AlertIntakeService,
      ],
    };
  }
}
