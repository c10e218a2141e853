import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { blocklistProposalV1, isContractError } from '@vigil/contracts';
import { CompactedTopicReader, type Kafka } from '@vigil/kafka';
import type { ProposalTable } from '@vigil/networks';
import type { NetworksSettings } from './networks.config';

/**
 * Follows the compacted proposals topic into the ProposalTable the detection stage asks before it proposes: a
 * number an analyst decided on is never put back to pending. Caught up before the first observation is handled.
 */
export class ProposalsReader implements OnModuleDestroy {
  private readonly logger = new Logger(ProposalsReader.name);
  private reader?: CompactedTopicReader;
  private malformed = 0;

  constructor(
    private readonly kafka: Kafka,
    private readonly settings: NetworksSettings,
    private readonly table: ProposalTable,
  ) {}

  async start(): Promise<void> {
    const topic = this.settings.topics.blocklistProposals;
    this.reader = new CompactedTopicReader(this.kafka, {
      topic,
      groupId: `${this.settings.groups.detection}-proposals-${this.settings.instanceId}`,
      onRecord: ({ key, value }) => {
        if (key === null) return;
        try {
          this.table.apply(key, value === null ? null : blocklistProposalV1.deserialize(value));
        } catch (error) {
          if (!isContractError(error)) throw error;
          this.malformed += 1; // someone else's record: it decides nothing
        }
      },
    });
    await this.reader.start();
    this.logger.log({
      msg: 'block-list proposals loaded',
      topic,
      numbers: this.table.size,
      malformed: this.malformed,
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.reader?.stop();
  }
}
