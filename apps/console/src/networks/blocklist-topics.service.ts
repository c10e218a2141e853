import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Kafka } from '@vigil/kafka';
import {
  blocklistEntryV1,
  blocklistProposalV1,
  topicNames,
  type BlocklistEntryV1,
  type BlocklistProposalV1,
} from '@vigil/contracts';
import { CONSOLE_ENV, CONSOLE_KAFKA } from '../console.constants';
import type { ConsoleEnv } from '../console.config';
import { FollowedTopic } from '../topics/followed-topic';
import { BlocklistProposalTable } from './blocklist-proposal.table';
import type { DecisionPublisher, ProposalSource } from './blocklist-decisions.service';

/**
 * The console's side of the block-list topics: follows `vigil.blocklist-proposals.v1` (what is proposed and
 * decided) and writes decisions to it and approvals to `vigil.blocklist.v1`, both keyed by number.
 */
@Injectable()
export class BlocklistTopicsService
  implements ProposalSource, DecisionPublisher, OnModuleInit, OnApplicationShutdown
{
  private readonly table = new BlocklistProposalTable();
  private readonly topics: { proposals: string; blocklist: string };
  private readonly proposalTopic: FollowedTopic;

  constructor(@Inject(CONSOLE_ENV) env: ConsoleEnv, @Inject(CONSOLE_KAFKA) kafka: Kafka) {
    const names = topicNames(env.VIGIL_TOPIC_PREFIX);
    this.topics = { proposals: names.blocklistProposals, blocklist: names.blocklist };
    this.proposalTopic = new FollowedTopic(kafka, this.table, {
      name: 'block-list proposals',
      topic: this.topics.proposals,
      groupPrefix: 'vigil-console-blocklist-proposals',
    });
  }

  onModuleInit(): void {
    this.proposalTopic.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.proposalTopic.close();
  }

  /** Decisions need the whole table (503 until then): the topic read to the end it had when following began. */
  ready(): Promise<boolean> {
    return this.proposalTopic.caughtUp();
  }

  /** Every number's current proposal (pending or decided). */
  async proposals(): Promise<BlocklistProposalV1[]> {
    await this.ready();
    return this.table.latestValues();
  }

  currentFor(proposalId: string): BlocklistProposalV1 | undefined {
    return this.table.currentFor(proposalId);
  }

  remember(decided: BlocklistProposalV1): void {
    // Before the topic echoes it back.
    this.table.apply(decided.number, blocklistProposalV1.serialize(decided));
  }

  async publish(decided: BlocklistProposalV1, entry: BlocklistEntryV1 | undefined): Promise<void> {
    // The entry first: once the proposal reads "approved", its entry is on the block list.
    if (entry)
      await this.proposalTopic.send(this.topics.blocklist, [
        { key: entry.number, value: blocklistEntryV1.serialize(entry) },
      ]);
    await this.proposalTopic.send(this.topics.proposals, [
      { key: decided.number, value: blocklistProposalV1.serialize(decided) },
    ]);
  }
}
