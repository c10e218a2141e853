import { type DynamicModule, Module } from '@nestjs/common';
import { AlertRouter, SubscriberPreferenceTable } from '@vigil/alert-routing';
import { KafkaModule } from '@vigil/kafka';
import { ObservabilityModule } from '@vigil/observability';
import { AlertFeed } from './alert-feed';
import { AlertFeedController } from './alert-feed.controller';
import { AlertIntakeService } from './alert-intake.service';
import type { AlertRouterSettings } from './alert-router.config';
import { ALERT_ROUTER, ALERT_ROUTER_SETTINGS, SUBSCRIBER_PREFERENCES } from './alert-router.constants';
import { RouterStateRepository } from './router-state.repository';
import { RouterTopicsProvisioner } from './router-topics.provisioner';
import { RoutingAudit } from './routing-audit';
import { SubscriberPreferencesReader } from './subscriber-preferences.reader';
import { WebhookDispatcher } from './webhook.dispatcher';
import { WebhookSender } from './webhook.sender';

/**
 * Composition root of the alert router, built from its validated settings. It runs its own two consumers (alerts,
 * webhook outbox) instead of the shared transport: their topics come from configuration and the outbox must never
 * share a fetch loop with the alerts.
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
          }),
        }),
      ],
      controllers: [AlertFeedController],
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
        RouterTopicsProvisioner,
        RouterStateRepository,
        SubscriberPreferencesReader,
        AlertFeed,
        RoutingAudit,
        WebhookSender,
        WebhookDispatcher,
        AlertIntakeService,
      ],
    };
  }
}
