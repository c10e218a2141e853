import { SubscriberPseudonymizer } from '@vigil/analytics';
import type { BlocklistProposalV1 } from '@vigil/contracts';
import { maskNumberFields } from '../http/response-privacy';
import { blocklistEntryOf } from './blocklist-decision';
import { toEntryView, toProposalView } from './proposal-view';

const pseudonyms = new SubscriberPseudonymizer('proposal-view-spec-secret-0123456789');
const FULL_NUMBER = /\d{8,15}/;
const approved: BlocklistProposalV1 = {
  proposalId: 'proposal-1',
  number: 'msisdn:77015550001',
  role: 'caller',
  campaignId: 'campaign-1',
  findingId: 'finding-1',
  victimsCount: 20,
  score: 0.9,
  evidenceAlertIds: ['alert-1'],
  proposedAt: '2026-03-02T10:00:00.000Z',
  status: 'approved',
  decidedBy: 'demo-analyst',
  decidedAt: '2026-03-02T10:15:30.000Z',
  reason: 'campaign',
  expiresAt: '2026-04-01T10:15:30.000Z',
};

describe('block-list views', () => {
  it('shows a proposal number masked, with the pseudonym key the dashboards and the graph use', () => {
    const view = toProposalView(approved, pseudonyms);
    expect(view.number).toBe('***01');
    expect(view.numberKey).toBe(pseudonyms.entity('msisdn:77015550001').key);
    expect(JSON.stringify(view)).not.toMatch(FULL_NUMBER);
  });

  it('shows a block-list entry masked', () => {
    const view = toEntryView(blocklistEntryOf(approved), pseudonyms);
    expect(view).toMatchObject({ number: '***01', approvedBy: 'demo-analyst' });
    expect(JSON.stringify(view)).not.toMatch(FULL_NUMBER);
  });

  it('leaves a sender name readable: it is not a phone number', () => {
    expect(
      toProposalView({ ...approved, number: 'sender:PRIZE-KZ', role: 'sender' }, pseudonyms).number,
    ).toBe('PRIZE-KZ');
  });

  it('masks a full number in a number or victim field as a safety net, whatever the route builds', () => {
    expect(maskNumberFields({ number: 'msisdn:77015550001', edges: [{ victim: '77015550002' }] })).toEqual({
      number: 'msisdn:***01',
      edges: [{ victim: '***02' }],
    });
  });
});
