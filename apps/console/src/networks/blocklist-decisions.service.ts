import { Logger } from '@nestjs/common';
import type { BlocklistDecisionRecord } from '@vigil/analytics';
import { maskParty, type BlocklistEntryV1, type BlocklistProposalV1 } from '@vigil/contracts';
import { ConsoleError, consoleErrorCodes } from '../http/console.errors';
import { blocklistEntryOf, decideProposal, type DecisionRequest } from './blocklist-decision';

/** Where the console learns the current proposals (the compacted proposals topic, followed). */
export interface ProposalSource {
  /** Resolves true once the whole topic has been read (false: not yet, after a bounded wait). */
  ready(): Promise<boolean>;
  /** The current record of the number the proposal was made for (possibly a newer proposal), or undefined. */
  currentFor(proposalId: string): BlocklistProposalV1 | undefined;
  /** Takes a record this process wrote, before the topic echoes it. */
  remember(decided: BlocklistProposalV1): void;
}

/** The audit trail (ClickHouse `blocklist_decisions`). */
export interface DecisionAudit {
  ofProposal(proposalId: string): Promise<BlocklistDecisionRecord | undefined>;
  record(decided: BlocklistProposalV1): Promise<void>;
}

/** Puts a decision into effect on Kafka: the block-list entry (approvals) before the decided proposal. */
export interface DecisionPublisher {
  publish(decided: BlocklistProposalV1, entry: BlocklistEntryV1 | undefined): Promise<void>;
}

/** A decision as answered: the decided proposal, its entry (approvals), and whether this call emitted them. */
export interface DecisionOutcome {
  proposal: BlocklistProposalV1;
  entry: BlocklistEntryV1 | null;
  /** False when the proposal was already decided this way: nothing was written again. */
  emitted: boolean;
}

/**
 * The analyst's approval of block-list proposals. Nothing is blocked without a human decision, and none without its
 * audit row: the decision is recorded in ClickHouse first, then the block-list entry (approvals) and then the decided
 * proposal are written to Kafka. Idempotent: deciding a decided proposal the same way again answers the recorded
 * decision and writes nothing; the other way is refused (a new proposal is needed, which only the networks service
 * makes). A decision audited but not yet on Kafka (a crash in between) is completed by the next request, with the
 * audited time, analyst and reason.
 */
export class BlocklistDecisionsService {
  private readonly logger = new Logger('BlocklistDecisionAudit');
  // Decisions are rare and quick: one at a time in this process, so two clicks cannot both find a pending proposal.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly proposals: ProposalSource,
    private readonly audit: DecisionAudit,
    private readonly publisher: DecisionPublisher,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  decide(proposalId: string, request: DecisionRequest, analyst: string): Promise<DecisionOutcome> {
    const decided = this.queue.then(() => this.decideNow(proposalId, request, analyst));
    this.queue = decided.catch(() => undefined);
    return decided;
  }

  private async decideNow(
    proposalId: string,
    request: DecisionRequest,
    analyst: string,
  ): Promise<DecisionOutcome> {
    if (!(await this.proposals.ready()))
      throw new ConsoleError(
        consoleErrorCodes.UPSTREAM_UNAVAILABLE,
        'the block-list proposals are still loading, try again shortly',
        [],
        true,
      );
    const current = this.proposals.currentFor(proposalId);
    if (current === undefined) throw new ConsoleError(consoleErrorCodes.NOT_FOUND, 'no such proposal');
    if (current.proposalId !== proposalId)
      throw new ConsoleError(consoleErrorCodes.CONFLICT, 'a newer proposal replaced this one', [
        `proposalId: decide the current proposal ${current.proposalId} for this number`,
      ]);
    if (current.status !== 'pending') {
      if (current.status !== request.decision) throw this.decidedOtherwise(current.status);
      return { proposal: current, entry: entryIfApproved(current), emitted: false };
    }
    const audited = await this.audit.ofProposal(proposalId);
    if (audited !== undefined && audited.decision !== request.decision)
      throw this.decidedOtherwise(audited.decision);
    const decided = audited
      ? fromAudit(current, audited)
      : decideProposal(current, request, analyst, this.clock());
    if (!audited) await this.audit.record(decided);
    const entry = entryIfApproved(decided);
    await this.publisher.publish(decided, entry ?? undefined);
    this.proposals.remember(decided);
    this.logger.log({
      msg: `block-list proposal ${decided.status}`,
      proposalId,
      number: maskParty(decided.number),
      role: decided.role,
      campaignId: decided.campaignId,
      analyst: decided.decidedBy,
      reason: decided.reason,
      expiresAt: decided.expiresAt ?? null,
      completedFromAudit: audited !== undefined,
    });
    return { proposal: decided, entry, emitted: true };
  }

  private decidedOtherwise(status: string): ConsoleError {
    return new ConsoleError(consoleErrorCodes.CONFLICT, `the proposal is already ${status}`, [
      'a decided proposal is not decided again: the networks service proposes the number anew when it has to',
    ]);
  }
}

function entryIfApproved(decided: BlocklistProposalV1): BlocklistEntryV1 | null {
  return decided.status === 'approved' ? blocklistEntryOf(decided) : null;
}

/** The decided record as the audit has it (a decision audited, then interrupted before Kafka had it). */
function fromAudit(pending: BlocklistProposalV1, audited: BlocklistDecisionRecord): BlocklistProposalV1 {
  const { expiresAt: _expires, ...proposal } = pending;
  return {
    ...proposal,
    status: audited.decision,
    decidedBy: audited.analyst,
    decidedAt: audited.decidedAt,
    reason: audited.reason,
    ...(audited.expiresAt !== null ? { expiresAt: audited.expiresAt } : {}),
  };
}
