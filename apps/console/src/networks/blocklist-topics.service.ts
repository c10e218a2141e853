import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CompactedTableFollower, ConnectedOnFirstUse, type Kafka, type Producer } from '@vigil/kafka';
import {
  blocklistEntryV1,
  blocklistProposalV1,
  topicNames,
  type BlocklistEntryV1,
  type BlocklistProposalV1,
} from '@vigil/contracts';
import { CONSOLE_ENV, CONSOLE_KAFKA } from '../console.constants';
import type { ConsoleEnv } from '../console.config';
import { BlocklistProposalTable } from './blocklist-proposal.table';
import type { DecisionPublisher, ProposalSource } from './blocklist-decisions.service';

/** How long a request waits for the first catch-up of the proposals topic before answering without it. */
const CATCH_UP_WAIT_MS = 5_000;

/**
 * The console's side of the block-list topics: follows `vigil.blocklist-proposals.v1` (what is proposed and
 * decided) and writes decisions to it and approvals to `vigil.blocklist.v1`, both keyed by number.
 */
@Injectable()
export class BlocklistTopicsService
  implements ProposalSource, DecisionPublisher, OnModuleInit, OnApplicationShutdown
{
  private readonly table = new BlocklistProposalTable();
  private readonly follower: CompactedTableFollower;
  private readonly topics: { proposals: string; blocklist: string };
  private readonly producer: ConnectedOnFirstUse<Producer>;

  constructor(@Inject(CONSOLE_ENV) env: ConsoleEnv, @Inject(CONSOLE_KAFKA) kafka: Kafka) {
    const names = topicNames(env.VIGIL_TOPIC_PREFIX);
    this.topics = { proposals: names.blocklistProposals, blocklist: names.blocklist };
    this.producer = new ConnectedOnFirstUse(() => kafka.producer());
    this.follower = new CompactedTableFollower(kafka, this.table, {
      name: 'block-list proposals',
      topic: this.topics.proposals,
      groupId: `vigil-console-blocklist-proposals-${randomUUID()}`,
      maxWaitTimeInMs: 250,
    });
  }

  onModuleInit(): void {
    // In the background, tried again until it succeeds: the console serves everything else while Kafka is
    // unreachable, and refuses decisions (503) until the whole table has been read.
    this.follower.startInBackground();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.follower.stop().catch(() => undefined);
    await this.producer.close();
  }

  async ready(): Promise<boolean> {
    // Decisions need the whole table: the topic read to the end it had when following began.
    return this.follower.caughtUpWithin(CATCH_UP_WAIT_MS);
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
    const producer = await this.producer.get();
    // The entry first: once the proposal reads "approved", its entry is on the block list.
    if (entry)
      await producer.send({
        topic: this.topics.blocklist,
        acks: -1,
        messages: [{ key: entry.number, value: blocklistEntryV1.serialize(entry) }],
      });
    await producer.send({
      topic: this.topics.proposals,
      acks: -1,
      messages: [{ key: decided.number, value: blocklistProposalV1.serialize(decided) }],
    });
  }
}
