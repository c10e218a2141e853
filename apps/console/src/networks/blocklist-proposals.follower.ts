import { randomUUID } from 'node:crypto';
import { CompactedTopicReader, type Kafka } from '@vigil/kafka';
import { blocklistProposalV1, type BlocklistProposalV1 } from '@vigil/contracts';

/**
 * The current block-list proposal per number, read from the compacted `vigil.blocklist-proposals.v1` with the
 * compacted-topic reader of `@vigil/kafka` (a group of its own) and followed live. A proposal id stays findable
 * after a newer proposal replaced it on its number, so deciding the old one is refused, not "not found".
 */
export class BlocklistProposalsFollower {
  private readonly byNumber = new Map<string, BlocklistProposalV1>();
  private readonly numberOfProposal = new Map<string, string>();
  private reader?: CompactedTopicReader;
  private caughtUp = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
  ) {}

  /** Starts following; resolves once everything on the topic before the call has been read. */
  async start(): Promise<void> {
    this.reader = new CompactedTopicReader(this.kafka, {
      topic: this.topic,
      groupId: `vigil-console-blocklist-proposals-${randomUUID()}`,
      maxWaitTimeInMs: 250,
      onRecord: ({ key, value }) => this.accept(key ?? undefined, value),
    });
    await this.reader.start();
    this.caughtUp = true;
  }

  /** True once the topic has been read to the end it had at start: decisions need the whole table. */
  get isCaughtUp(): boolean {
    return this.caughtUp;
  }

  /** Applies a record (read from the topic, or just written by this process before the topic echoes it). */
  accept(number: string | undefined, value: Buffer | null): void {
    if (!number) return;
    if (value === null) {
      this.byNumber.delete(number);
      return;
    }
    let proposal: BlocklistProposalV1;
    try {
      proposal = blocklistProposalV1.deserialize(value);
    } catch {
      return; // the networks service's problem to report; the console keeps the last valid record
    }
    this.byNumber.set(number, proposal);
    this.numberOfProposal.set(proposal.proposalId, number);
  }

  /** The current record of the number a proposal was made for (possibly a newer proposal), or undefined. */
  currentFor(proposalId: string): BlocklistProposalV1 | undefined {
    const number = this.numberOfProposal.get(proposalId);
    return number === undefined ? undefined : this.byNumber.get(number);
  }

  /** Every number's current record. */
  proposals(): BlocklistProposalV1[] {
    return [...this.byNumber.values()];
  }

  async stop(): Promise<void> {
    await this.reader?.stop();
  }
}
