import {
  BLOCKLIST_PROPOSALS_TOPIC,
  BLOCKLIST_TOPIC,
  blocklistEntryV1,
  blocklistProposalV1,
  NETWORK_FINDINGS_TOPIC,
  networkFindingV1,
  TOPIC_SPECS,
  topicNames,
  type BlocklistEntryV1,
  type BlocklistProposalV1,
  type NetworkFindingV1,
} from './index';

const finding: NetworkFindingV1 = {
  findingId: 'f-1',
  number: 'msisdn:77770001122',
  role: 'caller',
  campaignId: 'c-1',
  victimsCount: 2,
  victims: ['msisdn:77011234567', 'msisdn:77011234568'],
  evidence: [
    {
      subscriber: 'msisdn:77011234567',
      occurredAt: '2026-11-25T08:00:00Z',
      alertId: 'a1',
      typology: 'prize_code_theft',
    },
    { subscriber: 'msisdn:77011234568', occurredAt: '2026-11-25T08:10:00Z', eventId: 'p1:transfer_out' },
  ],
  firstSeenAt: '2026-11-25T08:00:00Z',
  lastSeenAt: '2026-11-25T08:10:00Z',
  detectedAt: '2026-11-25T08:10:01Z',
  windowMs: 21_600_000,
  score: 0.8,
  lureDomains: ['kce11-prize.com'],
};

const proposal: BlocklistProposalV1 = {
  proposalId: 'p-1',
  number: 'sender:Kce11-Prize',
  role: 'sender',
  campaignId: 'c-1',
  findingId: 'f-1',
  victimsCount: 12,
  score: 0.9,
  evidenceAlertIds: ['a1', 'a2'],
  proposedAt: '2026-11-25T08:10:01Z',
  status: 'pending',
};

const entry: BlocklistEntryV1 = {
  number: 'msisdn:77770001122',
  role: 'mule',
  proposalId: 'p-1',
  campaignId: 'c-1',
  approvedBy: 'analyst@operator',
  approvedAt: '2026-11-25T09:00:00Z',
  reason: 'Eight first-contact transfers in a day',
  expiresAt: '2026-12-25T09:00:00Z',
};

describe('scam-network contracts', () => {
  it('round-trips a finding, a pending and a decided proposal and a block-list entry', () => {
    const decided: BlocklistProposalV1 = {
      ...proposal,
      status: 'approved',
      decidedBy: 'analyst@operator',
      decidedAt: '2026-11-25T09:00:00Z',
      reason: 'confirmed campaign',
      expiresAt: '2026-12-25T09:00:00Z',
    };
    expect(networkFindingV1.deserialize(networkFindingV1.serialize(finding))).toEqual(finding);
    expect(blocklistProposalV1.deserialize(blocklistProposalV1.serialize(proposal))).toEqual(proposal);
    expect(blocklistProposalV1.deserialize(blocklistProposalV1.serialize(decided))).toEqual(decided);
    expect(blocklistEntryV1.deserialize(blocklistEntryV1.serialize(entry))).toEqual(entry);
  });

  it.each([
    [
      'a number that is not an entity id',
      { ...finding, number: '77770001122' },
      '/number: must match pattern',
    ],
    ['an unknown role', { ...finding, role: 'merchant' }, '/role: must be one of caller, sender, mule'],
    ['no victims counted', { ...finding, victimsCount: 0 }, '/victimsCount: must be >= 1'],
    ['a score above 1', { ...finding, score: 1.5 }, '/score: must be <= 1'],
    [
      'more than 200 victims listed',
      {
        ...finding,
        victims: Array.from({ length: 201 }, (_, i) => `msisdn:7701${String(i).padStart(7, '0')}`),
      },
      '/victims: must NOT have more than 200 items',
    ],
    [
      'text in the evidence',
      { ...finding, evidence: [{ ...finding.evidence[0], text: 'your code is 1234' }] },
      '/evidence/0: unknown property "text"',
    ],
  ])('refuses a finding with %s', (_name, value, problem) => {
    const result = networkFindingV1.validate(value);
    expect(result.ok ? '' : result.problems.join('\n')).toContain(problem);
  });

  it('refuses a proposal with an unknown status and an entry without its approving analyst', () => {
    const badStatus = blocklistProposalV1.validate({ ...proposal, status: 'blocked' });
    expect(badStatus.ok ? '' : badStatus.problems.join('\n')).toContain(
      '/status: must be one of pending, approved, rejected',
    );
    const { approvedBy: _approvedBy, ...anonymous } = entry;
    const noAnalyst = blocklistEntryV1.validate(anonymous);
    expect(noAnalyst.ok ? '' : noAnalyst.problems.join('\n')).toContain(
      "must have required property 'approvedBy'",
    );
  });

  it('declares the findings topic with deletion and the proposal and block-list topics compacted', () => {
    const spec = (name: string) => TOPIC_SPECS.find((item) => item.name === name);
    expect(spec(NETWORK_FINDINGS_TOPIC)).toEqual(expect.objectContaining({ cleanupPolicy: 'delete' }));
    expect(spec(NETWORK_FINDINGS_TOPIC)?.retentionMs).toBe(28 * 24 * 3_600_000);
    expect(spec(BLOCKLIST_PROPOSALS_TOPIC)?.cleanupPolicy).toBe('compact');
    expect(spec(BLOCKLIST_TOPIC)?.cleanupPolicy).toBe('compact');
    expect(topicNames('t-')).toEqual(
      expect.objectContaining({
        networkFindings: 't-vigil.network-findings.v1',
        blocklistProposals: 't-vigil.blocklist-proposals.v1',
        blocklist: 't-vigil.blocklist.v1',
      }),
    );
  });
});
