import type { BlocklistDecisionRecord } from '@vigil/analytics';
import type { BlocklistEntryV1, BlocklistProposalV1 } from '@vigil/contracts';
import { ConsoleError, consoleErrorCodes } from '../http/console.errors';
import {
  BlocklistDecisionsService,
  type DecisionAudit,
  type DecisionPublisher,
  type ProposalSource,
} from './blocklist-decisions.service';

const NOW = new Date('2026-03-02T10:15:30.750Z');
const pending: BlocklistProposalV1 = {
  proposalId: 'proposal-1',
  number: 'msisdn:77015550001',
  role: 'caller',
  campaignId: 'campaign-1',
  findingId: 'finding-1',
  victimsCount: 20,
  score: 0.93,
  evidenceAlertIds: ['alert-1', 'alert-2'],
  proposedAt: '2026-03-02T10:00:00.000Z',
  status: 'pending',
};

/** The compacted topic as a map of number → current record. */
class TopicTable implements ProposalSource {
  readonly byNumber = new Map<string, BlocklistProposalV1>();
  readonly numberOf = new Map<string, string>();
  loaded = true;

  put(proposal: BlocklistProposalV1): void {
    this.byNumber.set(proposal.number, proposal);
    this.numberOf.set(proposal.proposalId, proposal.number);
  }
  ready(): Promise<boolean> {
    return Promise.resolve(this.loaded);
  }
  currentFor(proposalId: string): BlocklistProposalV1 | undefined {
    const number = this.numberOf.get(proposalId);
    return number === undefined ? undefined : this.byNumber.get(number);
  }
  remember(decided: BlocklistProposalV1): void {
    this.put(decided);
  }
}

class AuditTable implements DecisionAudit {
  readonly rows: BlocklistProposalV1[] = [];
  failNext = false;
  ofProposal(proposalId: string): Promise<BlocklistDecisionRecord | undefined> {
    const row = this.rows.find((decided) => decided.proposalId === proposalId);
    return Promise.resolve(
      row && {
        proposalId: row.proposalId,
        numberKey: 'key',
        number: '***01',
        role: row.role,
        campaignId: row.campaignId,
        findingId: row.findingId,
        victimsCount: row.victimsCount,
        score: row.score,
        decision: row.status as 'approved' | 'rejected',
        reason: row.reason ?? '',
        analyst: row.decidedBy ?? '',
        decidedAt: row.decidedAt ?? '',
        expiresAt: row.expiresAt ?? null,
      },
    );
  }
  record(decided: BlocklistProposalV1): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error('ClickHouse unavailable'));
    }
    this.rows.push(decided);
    return Promise.resolve();
  }
}

class Emitted implements DecisionPublisher {
  readonly proposals: BlocklistProposalV1[] = [];
  readonly entries: BlocklistEntryV1[] = [];
  failNext = false;
  publish(decided: BlocklistProposalV1, entry: BlocklistEntryV1 | undefined): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error('broker unavailable'));
    }
    if (entry) this.entries.push(entry);
    this.proposals.push(decided);
    return Promise.resolve();
  }
}

function setUp() {
  const topic = new TopicTable();
  const audit = new AuditTable();
  const emitted = new Emitted();
  topic.put(pending);
  const service = new BlocklistDecisionsService(topic, audit, emitted, () => NOW);
  return { topic, audit, emitted, service };
}

const approve = { decision: 'approved' as const, reason: 'Twenty victims in two hours', expiresInDays: 30 };
const reject = { decision: 'rejected' as const, reason: 'A delivery firm', expiresInDays: 30 };

async function failureOf(promise: Promise<unknown>): Promise<ConsoleError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ConsoleError)) throw new Error(`expected a ConsoleError, got ${String(error)}`);
  return error;
}

describe(BlocklistDecisionsService.name, () => {
  it('approves a pending proposal: audit row first, then the entry with its expiry and analyst, then the decided record', async () => {
    const { audit, emitted, service, topic } = setUp();
    const outcome = await service.decide('proposal-1', approve, 'demo-analyst');

    const decided = {
      ...pending,
      status: 'approved',
      decidedBy: 'demo-analyst',
      decidedAt: '2026-03-02T10:15:30.000Z',
      reason: 'Twenty victims in two hours',
      expiresAt: '2026-04-01T10:15:30.000Z',
    };
    expect(outcome).toEqual({
      proposal: decided,
      entry: {
        number: 'msisdn:77015550001',
        role: 'caller',
        proposalId: 'proposal-1',
        campaignId: 'campaign-1',
        approvedBy: 'demo-analyst',
        approvedAt: '2026-03-02T10:15:30.000Z',
        reason: 'Twenty victims in two hours',
        expiresAt: '2026-04-01T10:15:30.000Z',
      },
      emitted: true,
    });
    expect(audit.rows).toEqual([decided]);
    expect(emitted.entries).toEqual([outcome.entry]);
    expect(emitted.proposals).toEqual([decided]);
    expect(topic.currentFor('proposal-1')?.status).toBe('approved');
  });

  it('rejects with the reason and no block-list entry', async () => {
    const { audit, emitted, service } = setUp();
    const outcome = await service.decide('proposal-1', reject, 'demo-analyst');
    expect(outcome.entry).toBeNull();
    expect(outcome.proposal).toMatchObject({ status: 'rejected', reason: 'A delivery firm' });
    expect(outcome.proposal.expiresAt).toBeUndefined();
    expect(audit.rows).toHaveLength(1);
    expect(emitted.entries).toEqual([]);
    expect(emitted.proposals).toHaveLength(1);
  });

  it('masks phone numbers an analyst typed into the reason, in the audit and on Kafka alike', async () => {
    const { audit, emitted, service } = setUp();
    await service.decide(
      'proposal-1',
      { ...approve, reason: 'Same voice as +7 (701) 555-00-02 last week' },
      'demo-analyst',
    );
    expect(audit.rows[0].reason).toBe('Same voice as ***02 last week');
    expect(emitted.entries[0].reason).toBe('Same voice as ***02 last week');
  });

  it('approves twice yet emits once: the second answer is the recorded decision', async () => {
    const { emitted, service } = setUp();
    const first = await service.decide('proposal-1', approve, 'demo-analyst');
    const second = await service.decide(
      'proposal-1',
      { ...approve, reason: 'clicked again' },
      'other-analyst',
    );
    expect(second).toEqual({ ...first, emitted: false });
    expect(emitted.entries).toHaveLength(1);
    expect(emitted.proposals).toHaveLength(1);
  });

  it('emits once when two approvals race in one process', async () => {
    const { emitted, service } = setUp();
    const outcomes = await Promise.all([
      service.decide('proposal-1', approve, 'a'),
      service.decide('proposal-1', approve, 'b'),
    ]);
    expect(outcomes.map((outcome) => outcome.emitted).sort()).toEqual([false, true]);
    expect(emitted.entries).toHaveLength(1);
  });

  it('refuses to decide a decided proposal the other way (409): a new proposal is needed', async () => {
    const { emitted, service } = setUp();
    await service.decide('proposal-1', reject, 'demo-analyst');
    const error = await failureOf(service.decide('proposal-1', approve, 'demo-analyst'));
    expect(error.code).toBe(consoleErrorCodes.CONFLICT);
    expect(emitted.entries).toEqual([]);
  });

  it('refuses a proposal a newer one replaced, and answers 404 for an unknown one', async () => {
    const { service, topic } = setUp();
    topic.put({ ...pending, proposalId: 'proposal-2', victimsCount: 45 });
    expect((await failureOf(service.decide('proposal-1', approve, 'a'))).code).toBe(
      consoleErrorCodes.CONFLICT,
    );
    expect((await failureOf(service.decide('nope', approve, 'a'))).code).toBe(consoleErrorCodes.NOT_FOUND);
  });

  it('decides nothing while the proposals topic is still loading (503, retriable)', async () => {
    const { emitted, service, topic } = setUp();
    topic.loaded = false;
    const error = await failureOf(service.decide('proposal-1', approve, 'a'));
    expect({ code: error.code, retriable: error.retriable }).toEqual({
      code: consoleErrorCodes.UPSTREAM_UNAVAILABLE,
      retriable: true,
    });
    expect(emitted.proposals).toEqual([]);
  });

  it('blocks nothing when the audit cannot be written', async () => {
    const { audit, emitted, service, topic } = setUp();
    audit.failNext = true;
    await expect(service.decide('proposal-1', approve, 'a')).rejects.toThrow('ClickHouse unavailable');
    expect(emitted.entries).toEqual([]);
    expect(topic.currentFor('proposal-1')?.status).toBe('pending');
  });

  it('completes an audited decision that never reached Kafka with the audited analyst, time and reason', async () => {
    const { audit, emitted, service } = setUp();
    emitted.failNext = true;
    await expect(service.decide('proposal-1', approve, 'first-analyst')).rejects.toThrow(
      'broker unavailable',
    );
    const later = new BlocklistDecisionsService(
      (service as unknown as { proposals: ProposalSource }).proposals,
      audit,
      emitted,
      () => new Date(NOW.getTime() + 3_600_000),
    );
    const outcome = await later.decide('proposal-1', { ...approve, reason: 'retry' }, 'second-analyst');
    expect(outcome.emitted).toBe(true);
    expect(outcome.entry).toMatchObject({
      approvedBy: 'first-analyst',
      approvedAt: '2026-03-02T10:15:30.000Z',
      reason: 'Twenty victims in two hours',
    });
    expect(audit.rows).toHaveLength(1);
    expect(emitted.entries).toHaveLength(1);
    // …and refuses to complete it the other way.
    const { audit: audit2, emitted: emitted2, service: service2 } = setUp();
    emitted2.failNext = true;
    await expect(service2.decide('proposal-1', reject, 'a')).rejects.toThrow('broker unavailable');
    expect(audit2.rows).toHaveLength(1);
    expect((await failureOf(service2.decide('proposal-1', approve, 'b'))).code).toBe(
      consoleErrorCodes.CONFLICT,
    );
  });
});
