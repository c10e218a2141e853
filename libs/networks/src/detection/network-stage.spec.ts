import { networkFindingV1, blocklistProposalV1 } from '@vigil/contracts';
import type { NetworkDetectionOptions } from '../networks.options';
import type { LureObservation, TransferObservation } from '../observations/observation.types';
import { ProposalTable } from '../proposals/proposal-ledger';
import { NetworkStage } from './network-stage';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.parse('2026-11-25T08:00:00Z');

const options: NetworkDetectionOptions = {
  lure: { windowMs: 6 * HOUR, minVictims: 5 },
  mule: { windowMs: 24 * HOUR, minVictims: 5 },
  allowList: new Set(['msisdn:77010000101']),
  allowedLatenessMs: 10 * MINUTE,
  maxObservationsPerNumber: 400,
  maxTrackedNumbers: 1_000,
};

const CALLER = 'msisdn:77471112233';
const victim = (i: number) => `msisdn:7701${String(i).padStart(7, '0')}`;

function lure(i: number, atMs: number, extra: Partial<LureObservation> = {}): LureObservation {
  return {
    type: 'lure',
    number: CALLER,
    role: 'caller',
    subscriber: victim(i),
    occurredAtMs: atMs,
    alertId: `alert-${extra.number ?? CALLER}-${i}-${extra.stage ?? 'confirmed'}`,
    typology: 'prize_code_theft',
    stage: 'confirmed',
    domains: [],
    ...extra,
  };
}

function transfer(i: number, atMs: number, number = 'msisdn:77780001122'): TransferObservation {
  return {
    type: 'transfer',
    number,
    subscriber: victim(i),
    occurredAtMs: atMs,
    eventId: `p${i}-${number}:transfer_out`,
  };
}

function run(stage: NetworkStage, observations: (LureObservation | TransferObservation)[]) {
  for (const item of observations) stage.observe(item);
  return stage.flush(T0 + 24 * HOUR);
}

describe('NetworkStage: scam callers and senders', () => {
  it('finds the caller behind five victims within the window, once, with every alert as evidence', () => {
    const stage = new NetworkStage(options, new ProposalTable());
    const first = run(
      stage,
      [0, 1, 2, 3].map((i) => lure(i, T0 + i * 20 * MINUTE)),
    );
    expect(first.findings).toEqual([]);
    const second = run(stage, [lure(4, T0 + 90 * MINUTE)]);
    expect(second.findings).toHaveLength(1);
    const [finding] = second.findings;
    expect(networkFindingV1.validate(finding).ok).toBe(true);
    expect(finding).toMatchObject({ number: CALLER, role: 'caller', victimsCount: 5, windowMs: 6 * HOUR });
    expect(finding.evidence.map((item) => item.alertId)).toHaveLength(5);
    expect(second.proposals).toHaveLength(1);
    expect(blocklistProposalV1.validate(second.proposals[0]).ok).toBe(true);
    expect(second.proposals[0]).toMatchObject({
      status: 'pending',
      findingId: finding.findingId,
      victimsCount: 5,
    });

    // Fifteen more victims: the same finding grows, no second proposal.
    const grown = run(
      stage,
      Array.from({ length: 15 }, (_, i) => lure(5 + i, T0 + (100 + i) * MINUTE)),
    );
    expect(grown.findings).toHaveLength(1);
    expect(grown.findings[0].findingId).toBe(finding.findingId);
    expect(grown.findings[0].victimsCount).toBe(20);
    expect(grown.proposals).toEqual([]);
    // Nothing new: nothing emitted.
    expect(stage.flush(T0 + 25 * HOUR).findings).toEqual([]);
  });

  it('keeps a victim whose alert comes after the finding opened but happened before its start (out of order)', () => {
    const stage = new NetworkStage(options, new ProposalTable());
    const opened = run(
      stage,
      [1, 2, 3, 4, 5].map((i) => lure(i, T0 + i * 6 * MINUTE)),
    );
    expect(opened.findings[0].victimsCount).toBe(5);
    const late = run(stage, [lure(0, T0)]);
    expect(late.findings).toHaveLength(1);
    expect(late.findings[0].findingId).toBe(opened.findings[0].findingId);
    expect(late.findings[0].victimsCount).toBe(6);
    expect(late.findings[0].firstSeenAt).toBe(new Date(T0).toISOString());
    expect(late.proposals).toEqual([]);
  });

  it('leaves out an out-of-order victim that in event-time order would have been outside the window', () => {
    const inOrder = new NetworkStage(options, new ProposalTable());
    const early = lure(0, T0);
    const rest = [1, 2, 3, 4, 5].map((i) => lure(i, T0 + 6 * HOUR + i * MINUTE));
    const expected = run(inOrder, [early, ...rest]).findings[0];
    const outOfOrder = new NetworkStage(options, new ProposalTable());
    run(outOfOrder, rest);
    const grown = run(outOfOrder, [early]);
    expect(grown.findings).toEqual([]);
    expect(expected.victimsCount).toBe(5);
    expect(expected.victims).not.toContain(victim(0));
  });

  it('counts victims, not alerts: an early warning and its confirmed alert are one victim, both evidence', () => {
    const stage = new NetworkStage(options, new ProposalTable());
    const items = [0, 1, 2, 3].flatMap((i) => [
      lure(i, T0 + i * MINUTE, { stage: 'early_warning' }),
      lure(i, T0 + i * MINUTE, { stage: 'confirmed' }),
    ]);
    expect(run(stage, items).findings).toEqual([]);
    const { findings } = run(stage, [lure(4, T0 + 10 * MINUTE, { stage: 'early_warning' })]);
    expect(findings[0].victimsCount).toBe(5);
    expect(findings[0].evidence).toHaveLength(9);
    expect(findings[0].score).toBeCloseTo(0.5 * (5 / 10) + 0.5 * (4 / 5), 3);
  });

  it('finds nothing for four victims, or five spread over more than the window (the busy legitimate caller)', () => {
    const four = new NetworkStage(options, new ProposalTable());
    expect(
      run(
        four,
        [0, 1, 2, 3].map((i) => lure(i, T0 + i * MINUTE)),
      ).findings,
    ).toEqual([]);
    const spread = new NetworkStage(options, new ProposalTable());
    const step = (6 * HOUR) / 4 + 1; // five victims over 6 h + 4 ms
    expect(
      run(
        spread,
        [0, 1, 2, 3, 4].map((i) => lure(i, T0 + i * step)),
      ).findings,
    ).toEqual([]);
  });

  it('includes both ends of the window', () => {
    const stage = new NetworkStage(options, new ProposalTable());
    const step = (6 * HOUR) / 4; // the fifth victim exactly 6 h after the first
    expect(
      run(
        stage,
        [0, 1, 2, 3, 4].map((i) => lure(i, T0 + i * step)),
      ).findings,
    ).toHaveLength(1);
  });

  it('ignores a replayed alert and an observation older than window plus lateness', () => {
    const stage = new NetworkStage(options, new ProposalTable());
    expect(stage.observe(lure(0, T0 + 7 * HOUR))).toBe('added');
    expect(stage.observe(lure(0, T0 + 7 * HOUR))).toBe('duplicate');
    expect(stage.observe(lure(1, T0 + 7 * HOUR - 6 * HOUR - 10 * MINUTE - 1))).toBe('late');
    expect(stage.observe(lure(2, T0 + 7 * HOUR - 6 * HOUR - 10 * MINUTE))).toBe('added');
  });
});

describe('NetworkStage: two streams at their own pace', () => {
  it('does not call alerts late because the transfers of a backlog ran a day ahead of them', () => {
    const stage = new NetworkStage(options, new ProposalTable());
    expect(stage.observe(transfer(0, T0 + 20 * HOUR))).toBe('added');
    expect(
      run(
        stage,
        [0, 1, 2, 3, 4].map((i) => lure(i, T0 + i * MINUTE)),
      ).findings,
    ).toHaveLength(1);
  });
});

describe('NetworkStage: mules', () => {
  it('finds the number paid for the first time by eight strangers within a day', () => {
    const stage = new NetworkStage(options, new ProposalTable());
    const { findings, proposals } = run(
      stage,
      Array.from({ length: 8 }, (_, i) => transfer(i, T0 + i * 2 * HOUR)),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      number: 'msisdn:77780001122',
      role: 'mule',
      victimsCount: 8,
      score: 0.9,
    });
    expect(findings[0].evidence.every((item) => item.eventId !== undefined)).toBe(true);
    expect(proposals[0]).toMatchObject({ role: 'mule', evidenceAlertIds: [] });
  });

  it('never reports an allow-listed shop, however many new customers pay it', () => {
    const stage = new NetworkStage(options, new ProposalTable());
    const shop = Array.from({ length: 40 }, (_, i) => transfer(i, T0 + i * MINUTE, 'msisdn:77010000101'));
    expect(shop.map((item) => stage.observe(item))).toEqual(Array(40).fill('allow_listed'));
    expect(stage.flush(T0).findings).toEqual([]);
  });

  it('finds nothing for four first-contact payers in a day, or five spread over more than a day', () => {
    const stage = new NetworkStage(options, new ProposalTable());
    expect(
      run(
        stage,
        [0, 1, 2, 3].map((i) => transfer(i, T0 + i * HOUR)),
      ).findings,
    ).toEqual([]);
    const spread = new NetworkStage(options, new ProposalTable());
    expect(
      run(
        spread,
        [0, 1, 2, 3, 4].map((i) => transfer(i, T0 + i * 6 * HOUR + i)),
      ).findings,
    ).toEqual([]);
  });
});

describe('NetworkStage: campaigns', () => {
  it('puts numbers that share a victim or a lure domain into one campaign, named after the earliest', () => {
    const stage = new NetworkStage(options, new ProposalTable());
    const second = 'msisdn:77472223344';
    const third = 'sender:prize-kz';
    const unrelated = 'msisdn:77473334455';
    const items = [
      ...[0, 1, 2, 3, 4].map((i) => lure(i, T0 + i * MINUTE)),
      // The second caller reaches victim 4 too.
      ...[4, 10, 11, 12, 13].map((i) => lure(i, T0 + HOUR + i * MINUTE, { number: second })),
      // The sender shares no victim with the callers, but its link domain is the second caller's victims' too.
      ...[20, 21, 22, 23, 24].map((i) =>
        lure(i, T0 + 2 * HOUR + i * MINUTE, { number: third, role: 'sender', domains: ['kce11-prize.kz'] }),
      ),
      lure(13, T0 + HOUR + 30 * MINUTE, { number: second, domains: ['kce11-prize.kz'], alertId: 'x-13' }),
      ...[30, 31, 32, 33, 34].map((i) => lure(i, T0 + 3 * HOUR + i * MINUTE, { number: unrelated })),
    ];
    const { findings } = run(stage, items);
    const campaignOf = new Map(findings.map((finding) => [finding.number, finding.campaignId]));
    expect(campaignOf.size).toBe(4);
    expect(campaignOf.get(second)).toBe(campaignOf.get(CALLER));
    expect(campaignOf.get(third)).toBe(campaignOf.get(CALLER));
    expect(campaignOf.get(unrelated)).not.toBe(campaignOf.get(CALLER));
    expect(findings.find((finding) => finding.number === third)?.lureDomains).toEqual(['kce11-prize.kz']);
  });
});

describe('NetworkStage: proposals follow the analysts', () => {
  const fiveVictims = [0, 1, 2, 3, 4].map((i) => lure(i, T0 + i * MINUTE));

  it('proposes nothing for a number an analyst approved or that is pending', () => {
    for (const status of ['approved', 'pending'] as const) {
      const ledger = new ProposalTable();
      ledger.put(CALLER, { ...proposalRecord(), status });
      const stage = new NetworkStage(options, ledger);
      const output = run(stage, fiveVictims);
      expect(output.findings).toHaveLength(1);
      expect(output.proposals).toEqual([]);
    }
  });

  it('proposes a rejected number again only once its victims have doubled since the rejection', () => {
    const ledger = new ProposalTable();
    ledger.put(CALLER, { ...proposalRecord(), status: 'rejected', victimsCount: 5 });
    const stage = new NetworkStage(options, ledger);
    expect(run(stage, fiveVictims).proposals).toEqual([]);
    expect(
      run(
        stage,
        [5, 6, 7, 8].map((i) => lure(i, T0 + (10 + i) * MINUTE)),
      ).proposals,
    ).toEqual([]);
    const doubled = run(stage, [lure(9, T0 + 30 * MINUTE)]);
    expect(doubled.proposals).toHaveLength(1);
    expect(doubled.proposals[0].victimsCount).toBe(10);
    expect(run(stage, [lure(10, T0 + 31 * MINUTE)]).proposals).toEqual([]);
  });
});

describe('NetworkStage: bounded state, snapshot and restore', () => {
  it('keeps at most the configured observations per number and forgets numbers a window behind', () => {
    const stage = new NetworkStage({ ...options, maxObservationsPerNumber: 200 }, new ProposalTable());
    run(
      stage,
      Array.from({ length: 300 }, (_, i) => lure(i, T0 + i * 1000)),
    );
    const [change] = stage.drainChanges();
    expect(JSON.parse(change.value!.toString()).observations).toHaveLength(200);
    // A day later another number is observed: the first one's finding has closed and it is forgotten.
    run(stage, [lure(0, T0 + 24 * HOUR, { number: 'msisdn:77470000000' })]);
    expect(stage.trackedNumbers).toBe(1);
    expect(stage.drainChanges()).toEqual(expect.arrayContaining([{ key: `lure|${CALLER}`, value: null }]));
  });

  it('evicts the quietest numbers without a finding beyond the cap', () => {
    const stage = new NetworkStage({ ...options, maxTrackedNumbers: 10 }, new ProposalTable());
    const items = Array.from({ length: 30 }, (_, i) =>
      lure(i, T0 + i * 3 * MINUTE, { number: `msisdn:7747${String(i).padStart(7, '0')}` }),
    );
    run(stage, items);
    expect(stage.trackedNumbers).toBe(10);
  });

  it('restored from its changes, continues exactly as the stage that never stopped', () => {
    const items = Array.from({ length: 20 }, (_, i) => lure(i, T0 + i * 6 * MINUTE));
    const uninterrupted = new NetworkStage(options, new ProposalTable());
    const expected = [run(uninterrupted, items.slice(0, 8)), run(uninterrupted, items.slice(8))];

    const before = new NetworkStage(options, new ProposalTable());
    const firstOutput = run(before, items.slice(0, 8));
    const restored = new NetworkStage(options, new ProposalTable());
    for (const { key, value } of before.drainChanges()) expect(restored.restore(key, value)).toBe(true);
    const secondOutput = run(restored, items.slice(8));
    expect([firstOutput, secondOutput]).toEqual(expected);
    expect(secondOutput.findings[0].victimsCount).toBe(20);
    expect(secondOutput.proposals).toEqual([]); // proposed before the restart, not again
  });

  it('refuses a changelog record it did not write', () => {
    const stage = new NetworkStage(options, new ProposalTable());
    expect(stage.restore('lure|x', Buffer.from('{"v":99}'))).toBe(false);
    expect(stage.restore('lure|x', Buffer.from('not json'))).toBe(false);
  });
});

function proposalRecord() {
  return {
    proposalId: 'p',
    number: CALLER,
    role: 'caller' as const,
    campaignId: 'c',
    findingId: 'f',
    victimsCount: 5,
    score: 0.5,
    evidenceAlertIds: [],
    proposedAt: '2026-11-25T08:00:00Z',
    status: 'pending' as const,
  };
}
