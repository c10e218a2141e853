import {
  type DynamicModule,
  type FactoryProvider,
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ALERTS_TOPIC, ENTITY_EVENTS_TOPIC, NETWORK_OBSERVATIONS_TOPIC } from '@vigil/contracts';
import {
  COALESCING_PRODUCER,
  type CoalescingProducer,
  CompactedTableFollower,
  KAFKA_CLIENT,
  type Kafka,
  kafkaServiceModules,
  MAIN_KAFKA_TRANSPORT,
  SERVED_CONSUMERS,
  type ServedConsumer,
} from '@vigil/kafka';
import { ContactMemory, NetworkStage, ProposalTable } from '@vigil/networks';
import { DetectionService } from './detection.service';
import type { NetworksSettings } from './networks.config';
import {
  CONTACT_STATES,
  DETECTION_STATES,
  DETECTION_TRANSPORT,
  NETWORKS_SETTINGS,
  PROPOSAL_TABLE,
} from './networks.constants';
import { NetworksController } from './networks.controller';
import { checkNetworksTopics } from './networks-topics.check';
import { PartitionStates, type PartitionStatesOptions, type RestorableState } from './partition-states';
import { RepartitionService } from './repartition.service';

/**
 * Composition root of the networks service. Two consumers on the shared transport: the repartition step (entity
 * events and alerts, co-partitioned by subscriber) and the detection stage (the observations topic), each a consumer
 * group with a fetch loop of its own. The proposals table is caught up while the module is built, before either
 * consumer starts.
 */
@Module({})
export class NetworksModule implements OnApplicationBootstrap {
  private readonly logger = new Logger(NetworksModule.name);

  constructor(@Inject(NETWORKS_SETTINGS) private readonly settings: NetworksSettings) {}

  /** Says once what the service reads and writes, under which consumer groups. */
  onApplicationBootstrap(): void {
    const { topics, groups } = this.settings;
    this.logger.log({
      msg: 'finding scam networks',
      repartition: {
        groupId: groups.repartition,
        from: [topics.entityEvents, topics.alerts],
        to: topics.networkObservations,
      },
      detection: {
        groupId: groups.detection,
        from: topics.networkObservations,
        to: [topics.networkFindings, topics.blocklistProposals],
      },
    });
  }

  static forRoot(settings: NetworksSettings): DynamicModule {
    const proposals = new ProposalTable();
    return {
      module: NetworksModule,
      imports: kafkaServiceModules(
        'networks',
        settings.service,
        {
          ...settings.consumer,
          groupId: settings.groups.repartition,
          topics: [ENTITY_EVENTS_TOPIC, ALERTS_TOPIC],
        },
        [
          {
            transport: DETECTION_TRANSPORT,
            consumer: {
              ...settings.consumer,
              groupId: settings.groups.detection,
              topics: [NETWORK_OBSERVATIONS_TOPIC],
              partitionsConsumedConcurrently: 1,
            },
          },
        ],
      ),
      controllers: [NetworksController],
      providers: [
        { provide: NETWORKS_SETTINGS, useValue: settings },
        { provide: PROPOSAL_TABLE, useValue: proposals },
        {
          // Checked while the module is built, before either consumer starts.
          provide: CompactedTableFollower,
          inject: [KAFKA_CLIENT, PROPOSAL_TABLE],
          useFactory: async (kafka: Kafka, table: ProposalTable) => {
            await checkNetworksTopics(kafka, settings.topics);
            // Caught up before the first observation is handled: a number an analyst decided on is never put
            // back to pending.
            return CompactedTableFollower.caughtUp(kafka, table, {
              name: 'block-list proposals',
              topic: settings.topics.blocklistProposals,
              groupId: `${settings.groups.detection}-proposals-${settings.instanceId}`,
            });
          },
        },
        partitionStatesProvider(CONTACT_STATES, MAIN_KAFKA_TRANSPORT, ENTITY_EVENTS_TOPIC, {
          store: 'contacts',
          changelogTopic: settings.topics.networkContactsState,
          consumerGroup: settings.groups.repartition,
          instanceId: settings.instanceId,
          create: () => new ContactMemory(settings.networks.contacts),
        }),
        partitionStatesProvider(DETECTION_STATES, DETECTION_TRANSPORT, NETWORK_OBSERVATIONS_TOPIC, {
          store: 'detection',
          changelogTopic: settings.topics.networkState,
          consumerGroup: settings.groups.detection,
          instanceId: settings.instanceId,
          create: () => new NetworkStage(settings.networks.detection, proposals),
        }),
        RepartitionService,
        DetectionService,
      ],
    };
  }
}

/**
 * A store of partition states (`provide`) following the partitions of `inputTopic` that the consumer of `transport`
 * is assigned, persisted to and restored from its changelog through the coalescing producer.
 */
function partitionStatesProvider<S extends RestorableState>(
  provide: symbol,
  transport: symbol,
  inputTopic: string,
  options: PartitionStatesOptions<S>,
): FactoryProvider<PartitionStates<S>> {
  return {
    provide,
    inject: [KAFKA_CLIENT, COALESCING_PRODUCER, SERVED_CONSUMERS],
    useFactory: (kafka: Kafka, producer: CoalescingProducer, served: ServedConsumer[]) => {
      const consumer = served.find((item) => item.transport === transport)?.consumer;
      if (consumer === undefined) throw new Error(`no consumer on the ${String(transport)} transport`);
      return PartitionStates.following(consumer, inputTopic, { kafka, producer }, options);
    },
  };
}
