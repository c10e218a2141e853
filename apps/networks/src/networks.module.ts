import { type DynamicModule, Module } from '@nestjs/common';
import { ALERTS_TOPIC, ENTITY_EVENTS_TOPIC, NETWORK_OBSERVATIONS_TOPIC } from '@vigil/contracts';
import { KAFKA_CLIENT, type Kafka, KafkaModule } from '@vigil/kafka';
import { ProposalTable } from '@vigil/networks';
import { ObservabilityModule } from '@vigil/observability';
import { DetectionService } from './detection.service';
import type { NetworksSettings } from './networks.config';
import { DETECTION_TRANSPORT, NETWORKS_SETTINGS, PROPOSAL_TABLE } from './networks.constants';
import { NetworksController } from './networks.controller';
import { checkNetworksTopics } from './networks-topics.check';
import { ProposalsReader } from './proposals.reader';
import { RepartitionService } from './repartition.service';

/**
 * Composition root of the networks service. Two consumers on the shared transport: the repartition step (entity
 * events and alerts, co-partitioned by subscriber) and the detection stage (the observations topic), each a consumer
 * group with a fetch loop of its own. The proposals table is caught up while the module is built, before either
 * consumer starts.
 */
@Module({})
export class NetworksModule {
  static forRoot(settings: NetworksSettings): DynamicModule {
    const common = {
      topicPrefix: settings.topicPrefix,
      serviceName: 'networks',
      deadLetterTopic: settings.topics.dlq,
      ...settings.consumer,
    };
    return {
      module: NetworksModule,
      imports: [
        ObservabilityModule.forRoot({ serviceName: 'networks', logLevel: settings.logLevel }),
        KafkaModule.forRootAsync({
          useFactory: () => ({
            connection: { brokers: settings.brokers, clientId: 'vigil-networks' },
            textHashKey: settings.textHashKey,
            consumer: {
              ...common,
              groupId: settings.groups.repartition,
              topics: [ENTITY_EVENTS_TOPIC, ALERTS_TOPIC],
            },
            separateConsumers: [
              {
                transport: DETECTION_TRANSPORT,
                consumer: {
                  ...common,
                  groupId: settings.groups.detection,
                  topics: [NETWORK_OBSERVATIONS_TOPIC],
                  partitionsConsumedConcurrently: 1,
                },
              },
            ],
          }),
        }),
      ],
      controllers: [NetworksController],
      providers: [
        { provide: NETWORKS_SETTINGS, useValue: settings },
        { provide: PROPOSAL_TABLE, useValue: new ProposalTable() },
        {
          // Checked while the module is built, before either consumer starts.
          provide: ProposalsReader,
          inject: [KAFKA_CLIENT, PROPOSAL_TABLE],
          useFactory: async (kafka: Kafka, table: ProposalTable) => {
            await checkNetworksTopics(kafka, settings.topics);
            const reader = new ProposalsReader(kafka, settings, table);
            await reader.start();
            return reader;
          },
        },
        RepartitionService,
        DetectionService,
      ],
    };
  }
}
