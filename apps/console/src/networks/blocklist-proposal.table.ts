import {
  blocklistProposalV1,
  contractRecordReader,
  LatestValueTable,
  type BlocklistProposalV1,
} from '@vigil/contracts';

/**
 * The current block-list proposal per number, as the compacted `vigil.blocklist-proposals.v1` holds it. A proposal
 * id stays findable after a newer proposal replaced it on its number, so deciding the old one is refused, not
 * "not found".
 */
export class BlocklistProposalTable extends LatestValueTable<BlocklistProposalV1> {
  private readonly numberOfProposal = new Map<string, string>();

  constructor() {
    super(contractRecordReader(blocklistProposalV1));
  }

  /** The current record of the number a proposal was made for (possibly a newer proposal), or undefined. */
  currentFor(proposalId: string): BlocklistProposalV1 | undefined {
    const number = this.numberOfProposal.get(proposalId);
    return number === undefined ? undefined : this.get(number);
  }

  protected override set(number: string, proposal: BlocklistProposalV1 | null): void {
    super.set(number, proposal);
    if (proposal !== null) this.numberOfProposal.set(proposal.proposalId, number);
  }
}
