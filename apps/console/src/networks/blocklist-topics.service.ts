import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
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
/** Wait before following the proposals topic again after a failure (Kafka unreachable, topic missing). */
const RETRY_MS = 5_000;

/**
 * The console's side of the block-list topics: follows `vigil.blocklist-proposals.v1` (what is proposed and
 * decided) and writes decisions to it and approvals to `vigil.blocklist.v1`, both keyed by number.
 */
@Injectable()
export class BlocklistTopicsService
  implements ProposalSource, DecisionPublisher, OnModuleInit, OnApplicationShutdown
{
  private readonly logger = new Logger(BlocklistTopicsService.name);
  private readonly table = new BlocklistProposalTable();
  private readonly follower: CompactedTableFollower;
  private caughtUp = false;
  private readonly topics: { proposals: string; blocklist: string };
  private started?: Promise<void>;
  private stopping = false;
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
    // In the background: the console serves everything else while Kafka is unreachable.
    this.started = this.follow();
  }

  // Retried until it succeeds: decisions are refused (503) until the whole table has been read.
  private async follow(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.follower.start();
        this.caughtUp = true;
        if (this.stopping) await this.follower.stop(); // shut down while it was catching up
        return;
      } catch (error) {
        const topic = this.topics.proposals;
        this.logger.warn({ msg: 'block-list proposals topic unavailable', topic, error });
        await this.follower.stop().catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS).unref());
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.follower.stop().catch(() => undefined);
    await this.producer.close();
  }

  async ready(): Promise<boolean> {
    await Promise.race([this.started, new Promise((resolve) => setTimeout(resolve, CATCH_UP_WAIT_MS))]);
    // Decisions need the whole table: the topic read to the end it had when following began.
    return this.caughtUp;
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
