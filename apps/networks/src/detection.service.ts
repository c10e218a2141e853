import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  blocklistProposalV1,
  maskParty,
  NETWORK_OBSERVATIONS_TOPIC,
  networkFindingV1,
} from '@vigil/contracts';
import {
  COALESCING_PRODUCER,
  type CoalescingProducer,
  KAFKA_CLIENT,
  type Kafka,
  KAFKA_PRODUCER,
  type PartitionBatch,
  type Producer,
  RetriableBatchError,
  type TopicMessages,
  SERVED_CONSUMERS,
  type ServedConsumer,
} from '@vigil/kafka';
import {
  decodeObservation,
  NetworkStage,
  NetworksInputError,
  type ProposalTable,
  type StageOutput,
} from '@vigil/networks';
import type { NetworksSettings } from './networks.config';
import { DETECTION_TRANSPORT, NETWORKS_SETTINGS, PROPOSAL_TABLE } from './networks.constants';
import { networksMetrics } from './networks.metrics';
import { PartitionStates } from './partition-states';

/**
 * The detection stage over the observations topic (one partition: the campaign grouping needs every number in one
 * place). Per batch: the stage observes and decides, the findings and pending proposals are acknowledged, then the
 * changed tracks and the progress are appended to vigil.network-state.v1, then the batch is committed. After a crash
 * the state is restored and a redelivered batch whose effects it holds is skipped; one replayed between outputs and
 * state yields the same findings with the same ids.
 */
@Injectable()
export class DetectionService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DetectionService.name);
  private readonly stages: PartitionStates<NetworkStage>;

  constructor(
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
    @Inject(KAFKA_CLIENT) kafka: Kafka,
    @Inject(COALESCING_PRODUCER) changelogProducer: CoalescingProducer,
    @Inject(NETWORKS_SETTINGS) private readonly settings: NetworksSettings,
    @Inject(PROPOSAL_TABLE) proposals: ProposalTable,
    @Inject(SERVED_CONSUMERS) served: ServedConsumer[],
  ) {
    this.stages = new PartitionStates(kafka, changelogProducer, {
      store: 'detection',
      changelogTopic: settings.topics.networkState,
      restoreGroupPrefix: `${settings.groups.detection}-restore-${settings.instanceId}`,
      create: () => new NetworkStage(settings.networks.detection, proposals),
      apply: (stage, key, value) => stage.restore(key, value),
    });
    const detection = served.find((item) => item.transport === DETECTION_TRANSPORT);
    detection?.consumer.addListener({
      onAssignment: (assignment) => this.stages.onAssignment(assignment[NETWORK_OBSERVATIONS_TOPIC] ?? []),
    });
  }

  onApplicationBootstrap(): void {
    this.logger.log({
      msg: 'detecting scam callers, senders, mules and campaigns',
      from: this.settings.topics.networkObservations,
      groupId: this.settings.groups.detection,
    });
  }

  async onObservations(batch: PartitionBatch): Promise<void> {
    const partitionState = await this.stages.of(batch.partition, () => batch.heartbeat());
    const stage = partitionState.state;
    let lastOffset: string | undefined;
    for (const record of batch.records) {
      lastOffset = record.offset;
      if (partitionState.progress !== undefined && BigInt(record.offset) <= partitionState.progress) {
        networksMetrics.observations.inc({ outcome: 'replay_skipped' });
        continue;
      }
      try {
        networksMetrics.observations.inc({ outcome: stage.observe(decodeObservation(record.value)) });
      } catch (error) {
        if (!(error instanceof NetworksInputError)) throw error;
        batch.deadLetter(record, { reasonCode: error.code, reason: error.message });
      }
    }
    if (lastOffset === undefined) return;
    const output = stage.flush(Date.now());
    await this.publish(output);
    try {
      await this.stages.persist(batch.partition, stage.drainChanges(), lastOffset);
    } catch (error) {
      throw new RetriableBatchError('detection state not durable', { cause: error });
    }
    networksMetrics.trackedNumbers.set(stage.trackedNumbers);
    networksMetrics.openFindings.set(stage.openFindings);
  }

  private async publish(output: StageOutput): Promise<void> {
    const topicMessages: TopicMessages[] = [];
    if (output.findings.length > 0)
      topicMessages.push({
        topic: this.settings.topics.networkFindings,
        messages: output.findings.map((finding) => ({
          key: finding.number,
          value: networkFindingV1.serialize(finding),
        })),
      });
    if (output.proposals.length > 0)
      topicMessages.push({
        topic: this.settings.topics.blocklistProposals,
        messages: output.proposals.map((proposal) => ({
          key: proposal.number,
          value: blocklistProposalV1.serialize(proposal),
        })),
      });
    if (topicMessages.length === 0) return;
    try {
      await this.producer.sendBatch({ acks: -1, topicMessages });
    } catch (error) {
      throw new RetriableBatchError('findings not durable', { cause: error });
    }
    for (const finding of output.findings) {
      networksMetrics.findings.inc({ role: finding.role });
      this.logger.log({
        msg: 'network finding',
        number: maskParty(finding.number),
        role: finding.role,
        findingId: finding.findingId,
        campaignId: finding.campaignId,
        victims: finding.victimsCount,
      });
    }
    for (const proposal of output.proposals) networksMetrics.proposals.inc({ role: proposal.role });
  }
}
