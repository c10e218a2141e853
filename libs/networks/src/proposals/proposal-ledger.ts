import {
  type BlocklistProposalV1,
  blocklistProposalV1,
  isContractError,
  type LatestValueEntry,
  LatestValueTable,
  type ProposalStatus,
} from '@vigil/contracts';

/** The latest proposal record of a number, as the compacted proposals topic holds it. */
export interface ProposalRecord {
  status: ProposalStatus;
  victimsCount: number;
}

/** What the stage asks before it proposes a number: fed from vigil.blocklist-proposals.v1 by the service. */
export interface ProposalLedger {
  latest(number: string): ProposalRecord | undefined;
}

/** The in-memory ledger the service keeps up to date from the proposals topic. */
export class ProposalTable extends LatestValueTable<ProposalRecord> implements ProposalLedger {
  constructor() {
    super(readProposal);
  }

  latest(number: string): ProposalRecord | undefined {
    return this.get(number);
  }

  /** Sets a number's latest proposal (null: a tombstone, the number is forgotten). */
  put(number: string, proposal: BlocklistProposalV1 | null): void {
    this.set(number, proposal && recordOf(proposal));
  }
}

/** A record of the topic; not a proposal (someone else's record: it decides nothing) is malformed. */
function readProposal(
  key: string | null,
  value: Buffer | null,
): LatestValueEntry<ProposalRecord> | undefined {
  if (key === null) return undefined;
  try {
    return { key, value: value === null ? null : recordOf(blocklistProposalV1.deserialize(value)) };
  } catch (error) {
    if (!isContractError(error)) throw error;
    return undefined;
  }
}

function recordOf(proposal: BlocklistProposalV1): ProposalRecord {
  return { status: proposal.status, victimsCount: proposal.victimsCount };
}

/**
 * Whether to propose a number now, with `victims` victims: never over an analyst's decision to block it or while a
 * proposal is pending; after a rejection only once the victims have at least doubled since it (a rejected number
 * that keeps growing deserves a second look, a stable one does not); otherwise once per finding.
 */
export function shouldPropose(
  latest: ProposalRecord | undefined,
  victims: number,
  proposedVictims: number | undefined,
): boolean {
  if (latest === undefined) return proposedVictims === undefined;
  if (latest.status !== 'rejected') return false;
  const bar = 2 * latest.victimsCount;
  return victims >= bar && (proposedVictims === undefined || proposedVictims < bar);
}
