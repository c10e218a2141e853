import { pendingProposal } from '@vigil/analytics/testing';
import { blocklistProposalV1, type BlocklistProposalV1 } from '@vigil/contracts';
import { BlocklistProposalTable } from './blocklist-proposal.table';

const first = pendingProposal();
const second: BlocklistProposalV1 = { ...first, proposalId: 'proposal-2', victimsCount: 45 };

describe(BlocklistProposalTable.name, () => {
  it("finds a replaced proposal's number, and answers with the number's current proposal", () => {
    const table = new BlocklistProposalTable();
    table.apply(first.number, blocklistProposalV1.serialize(first));
    table.apply(second.number, blocklistProposalV1.serialize(second));
    expect(table.currentFor(first.proposalId)).toEqual(second);
    expect(table.latestValues()).toEqual([second]);
    expect(table.currentFor('proposal-unknown')).toBeUndefined();
  });

  it('skips a malformed record and keeps the last valid one', () => {
    const table = new BlocklistProposalTable();
    table.apply(first.number, blocklistProposalV1.serialize(first));
    expect(table.apply(first.number, Buffer.from('{"not":"a proposal"}'))).toBe(false);
    const keyless: string | null = null;
    expect(table.apply(keyless, blocklistProposalV1.serialize(second))).toBe(false);
    expect(table.currentFor(first.proposalId)).toEqual(first);
  });

  it('forgets a number on its tombstone', () => {
    const table = new BlocklistProposalTable();
    table.apply(first.number, blocklistProposalV1.serialize(first));
    table.apply(first.number, null);
    expect(table.currentFor(first.proposalId)).toBeUndefined();
    expect(table.size).toBe(0);
  });
});
