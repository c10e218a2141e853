import { Inject, Injectable, Logger } from '@nestjs/common';
import { blocklistProposalV1, maskParty, networkFindingV1 } from '@vigil/contracts';
import { KAFKA_PRODUCER, type PartitionBatch, type Producer } from '@vigil/kafka';
import { decodeObservation, type NetworkStage, NetworksInputError, type StageOutput } from '@vigil/networks';
import { keyedByNumber, sendDurably } from './durable-output';
import type { NetworksSettings } from './networks.config';
import { DETECTION_STATES, NETWORKS_SETTINGS } from './networks.constants';
import { networksMetrics } from './networks.metrics';
import type { PartitionStates } from './partition-states';

/**
 * The detection stage over the observations topic (one partition: the campaign grouping needs every number in one
 * place). Per batch: the stage observes and decides, the findings and pending proposals are acknowledged, then the
 * changed tracks and the progress are appended to vigil.network-state.v1, then the batch is committed. After a crash
 * the state is restored and a redelivered batch whose effects it holds is skipped; one replayed between outputs and
 * state yields the same findings with the same ids.
 */
@Injectable()
export class DetectionService {
  private readonly logger = new Logger(DetectionService.name);

  constructor(
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
    @Inject(NETWORKS_SETTINGS) private readonly settings: NetworksSettings,
    @Inject(DETECTION_STATES) private readonly stages: PartitionStates<NetworkStage>,
  ) {}

  async onObservations(batch: PartitionBatch): Promise<void> {
    const { state: stage, skipped } = await this.stages.step(batch, async (stage, records) => {
      for (const record of records) {
        try {
          networksMetrics.observations.inc({ outcome: stage.observe(decodeObservation(record.value)) });
        } catch (error) {
          if (!(error instanceof NetworksInputError)) throw error;
          batch.deadLetter(record, { reasonCode: error.code, reason: error.message });
        }
      }
      await this.publish(stage.flush(Date.now()));
      return stage.drainChanges();
    });
    if (skipped > 0) networksMetrics.observations.inc({ outcome: 'replay_skipped' }, skipped);
    networksMetrics.trackedNumbers.set(stage.trackedNumbers);
    networksMetrics.openFindings.set(stage.openFindings);
  }

  private async publish(output: StageOutput): Promise<void> {
    const { topics } = this.settings;
    await sendDurably(
      this.producer,
      [
        keyedByNumber(topics.networkFindings, output.findings, networkFindingV1.serialize),
        keyedByNumber(topics.blocklistProposals, output.proposals, blocklistProposalV1.serialize),
      ],
      'findings',
    );
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
