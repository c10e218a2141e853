import {
  blocklistEntryV1,
  blocklistProposalV1,
  type BlocklistEntryV1,
  type BlocklistProposalV1,
} from '@vigil/contracts';
import { MuleNumbersStore } from './mule-numbers.store';

const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const DAY = 24 * 3_600_000;
const MULE = '77471234567';
const KEY = `msisdn:${MULE}`;

function entry(fields: Partial<BlocklistEntryV1> = {}): Buffer {
  return blocklistEntryV1.serialize({
    number: KEY,
    role: 'mule',
    proposalId: 'p-1',
    campaignId: 'c-1',
    approvedBy: 'analyst@op',
    approvedAt: new Date(NOW - DAY).toISOString(),
    reason: 'transfers from 8 strangers',
    expiresAt: new Date(NOW + 29 * DAY).toISOString(),
    ...fields,
  });
}

function proposal(fields: Partial<BlocklistProposalV1> = {}): Buffer {
  return blocklistProposalV1.serialize({
    proposalId: 'p-1',
    number: KEY,
    role: 'mule',
    campaignId: 'c-1',
    findingId: 'f-1',
    victimsCount: 8,
    score: 0.9,
    evidenceAlertIds: [],
    proposedAt: new Date(NOW - DAY).toISOString(),
    status: 'pending',
    ...fields,
  });
}

const newStore = (maxNumbers = 100) => new MuleNumbersStore({ maxNumbers, undecidedMaxAgeMs: 30 * DAY });

describe(MuleNumbersStore.name, () => {
  it('knows an approved mule until its expiry, and not a moment after', () => {
    const store = newStore();
    expect(store.applyBlocklistRecord(KEY, entry(), NOW)).toBe('held');
    expect(store.standingOf(MULE, NOW)).toBe('approved');
    expect(store.standingOf(MULE, NOW + 29 * DAY - 1)).toBe('approved');
    expect(store.standingOf(MULE, NOW + 29 * DAY)).toBeUndefined();
    expect(store.sizes.approved).toBe(0); // forgotten once found expired
  });

  it('does not hold an entry already expired when read (an old entry on the compacted topic)', () => {
    const store = newStore();
    store.applyBlocklistRecord(KEY, entry(), NOW);
    expect(store.applyBlocklistRecord(KEY, entry({ expiresAt: new Date(NOW - 1).toISOString() }), NOW)).toBe(
      'removed',
    );
    expect(store.standingOf(MULE, NOW)).toBeUndefined();
  });

  it('forgets an approved mule on its tombstone at once', () => {
    const store = newStore();
    store.applyBlocklistRecord(KEY, entry(), NOW);
    expect(store.applyBlocklistRecord(KEY, null, NOW)).toBe('removed');
    expect(store.standingOf(MULE, NOW)).toBeUndefined();
    expect(store.applyBlocklistRecord(KEY, null, NOW)).toBe('ignored');
  });

  it('holds only mules: a blocked caller or sender is not a payee mule', () => {
    const store = newStore();
    expect(store.applyBlocklistRecord(KEY, entry({ role: 'caller' }), NOW)).toBe('ignored');
    expect(store.applyBlocklistRecord('sender:KASPI', entry({ number: 'sender:KASPI' }), NOW)).toBe(
      'ignored',
    );
    expect(store.sizes).toEqual({ approved: 0, undecided: 0 });
  });

  it('counts a pending mule proposal as undecided until it is decided, removed or too old', () => {
    const store = newStore();
    expect(store.applyProposalRecord(KEY, proposal(), NOW)).toBe('held');
    expect(store.standingOf(MULE, NOW)).toBe('undecided');
    expect(store.standingOf(MULE, NOW + 29 * DAY)).toBeUndefined(); // proposed 30 days before

    store.applyProposalRecord(KEY, proposal(), NOW);
    expect(store.applyProposalRecord(KEY, proposal({ status: 'rejected' }), NOW)).toBe('removed');
    expect(store.standingOf(MULE, NOW)).toBeUndefined();

    store.applyProposalRecord(KEY, proposal(), NOW);
    expect(store.applyProposalRecord(KEY, null, NOW)).toBe('removed');
    expect(store.standingOf(MULE, NOW)).toBeUndefined();
  });

  it('prefers an approval to an undecided proposal, and an approval stands without its proposal', () => {
    const store = newStore();
    store.applyProposalRecord(KEY, proposal(), NOW);
    store.applyBlocklistRecord(KEY, entry(), NOW);
    expect(store.standingOf(MULE, NOW)).toBe('approved');
    store.applyProposalRecord(KEY, proposal({ status: 'approved' }), NOW);
    expect(store.standingOf(MULE, NOW)).toBe('approved');
    expect(store.sizes).toEqual({ approved: 1, undecided: 0 });
  });

  it('ignores records that are not its contract, and stays bounded: beyond the cap new numbers are left out', () => {
    const store = newStore(2);
    expect(store.applyBlocklistRecord(KEY, Buffer.from('{"number":"msisdn:1"}'), NOW)).toBe('invalid');
    expect(store.applyProposalRecord(KEY, Buffer.from('not json'), NOW)).toBe('invalid');
    const numbered = (n: number) => `msisdn:7747000000${n}`;
    expect(store.applyBlocklistRecord(numbered(1), entry({ number: numbered(1) }), NOW)).toBe('held');
    expect(
      store.applyBlocklistRecord(
        numbered(2),
        entry({ number: numbered(2), expiresAt: new Date(NOW + DAY).toISOString() }),
        NOW,
      ),
    ).toBe('held');
    expect(store.applyBlocklistRecord(numbered(3), entry({ number: numbered(3) }), NOW)).toBe('dropped_full');
    // A held number is updated in place; an expired one makes room.
    expect(store.applyBlocklistRecord(numbered(1), entry({ number: numbered(1) }), NOW)).toBe('held');
    expect(store.applyBlocklistRecord(numbered(3), entry({ number: numbered(3) }), NOW + 2 * DAY)).toBe(
      'held',
    );
    expect(store.sizes.approved).toBe(2);
    expect(store.standingOf('77470000002', NOW)).toBeUndefined();
  });

  it('forgets expired numbers on a prune', () => {
    const store = newStore();
    store.applyBlocklistRecord(KEY, entry(), NOW);
    store.applyProposalRecord('msisdn:77470000001', proposal({ number: 'msisdn:77470000001' }), NOW);
    expect(store.pruneExpired(NOW)).toBe(false);
    expect(store.pruneExpired(NOW + 30 * DAY)).toBe(true);
    expect(store.sizes).toEqual({ approved: 0, undecided: 0 });
  });
});
