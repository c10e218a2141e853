import type { EntityEventV1 } from '@vigil/contracts';
import { readRuleSources } from '@vigil/correlation';
import { buildBacktestReport } from './backtest-report';
import { runBacktest, type BacktestEventSource, type BacktestProgress } from './backtest-run';
import { ruleSetOfDocuments, ruleVersionsOf, splitRuleDocuments } from './rule-documents';
import type { EntityKeyRange, TimeRange } from './stored-entity-events.reader';

const MINUTE = 60_000;
const RANGE = { fromMs: Date.parse('2026-03-10T00:00:00Z'), toMs: Date.parse('2026-03-11T00:00:00Z') };

/**
 * Events held in memory, served as stored history is: by existence time within the asked range, as the stored rows
 * of the entities whose key (after `msisdn:`) lies in the partition.
 */
class MemorySource implements BacktestEventSource {
  constructor(private readonly events: EntityEventV1[]) {}

  async storedSpan(): Promise<TimeRange | undefined> {
    const times = this.events.map((event) => Date.parse(event.occurredAt));
    return { fromMs: Math.min(...times), toMs: Math.max(...times) + 1 };
  }

  async count(range: TimeRange): Promise<number> {
    return this.within(range, {}).length;
  }

  partitions(): EntityKeyRange[] {
    return [{ toKey: 'b' }, { fromKey: 'b' }];
  }

  async *readRows(range: TimeRange, partition: EntityKeyRange): AsyncGenerator<Uint8Array> {
    const rows = this.within(range, partition).map(storedRow).join('');
    // Cut within a line: the worker joins chunks.
    const bytes = new TextEncoder().encode(rows);
    yield bytes.subarray(0, 7);
    yield bytes.subarray(7);
  }

  private within(range: TimeRange, partition: EntityKeyRange): EntityEventV1[] {
    return this.events.filter((event) => {
      const at = Date.parse(event.occurredAt);
      const key = event.entity.slice('msisdn:'.length);
      return (
        at >= range.fromMs &&
        at < range.toMs &&
        (partition.fromKey === undefined || key >= partition.fromKey) &&
        (partition.toKey === undefined || key < partition.toKey)
      );
    });
  }
}

/** An SMS event as the TabSeparated row of STORED_EVENT_COLUMNS that stores it. */
function storedRow(event: EntityEventV1): string {
  const atMs = Date.parse(event.occurredAt);
  return `${[
    event.eventId,
    event.sourceEventId,
    event.sourceTopic,
    'msisdn',
    event.entity.slice('msisdn:'.length),
    event.kind,
    Math.floor(atMs / 1000),
    atMs % 1000,
    Math.floor(Date.parse(event.ingestedAt) / 1000),
    event.counterparty ?? '',
    event.counterpartyClass ?? '',
    0,
    '',
    '',
    0,
    0,
    JSON.stringify(event.features),
  ].join('\t')}\n`;
}

const spyware = (id: string, subscriber: string, atMs: number): EntityEventV1 => ({
  eventId: `${id}:sms_in`,
  sourceEventId: id,
  sourceTopic: 'telco.sms.v1',
  entity: `msisdn:${subscriber}`,
  kind: 'sms_in',
  occurredAt: new Date(atMs).toISOString(),
  ingestedAt: new Date(atMs).toISOString(),
  counterparty: 'spyshop',
  counterpartyClass: 'alphanumeric',
  features: { spywareOffer: true, officialSender: false },
});

describe(runBacktest.name, () => {
  const documents = splitRuleDocuments(readRuleSources('rules'));
  const rules = ruleSetOfDocuments(documents);
  const withoutSpyware = documents.filter((rule) => rule.ruleId !== 'spyware_offer');

  it('counts only alerts of the range, reads the warm-up first and reports progress up to the end', async () => {
    const events = [
      spyware('before', 'a', RANGE.fromMs - 5 * MINUTE),
      spyware('in-1', 'a', RANGE.fromMs + 5 * MINUTE),
      spyware('in-2', 'b', RANGE.fromMs + 65 * MINUTE),
    ];
    const progress: BacktestProgress[] = [];
    const run = await runBacktest(new MemorySource(events), {
      candidate: withoutSpyware,
      baseline: documents,
      range: RANGE,
      onProgress: (step) => progress.push(step),
    });
    expect(run.baselineAlerts.map((alert) => alert.evidence[0].eventId)).toEqual([
      'in-1:sms_in',
      'in-2:sms_in',
    ]);
    expect(run.candidateAlerts).toEqual([]);
    expect(run).toMatchObject({ eventsRead: 2, warmup: { eventsRead: 1, complete: false } });
    // Each entity partition replays its warm-up, then the range (partitions side by side, in any order); event
    // counts only grow, to the whole at the end.
    expect(progress.map((step) => step.phase)).toContain('warmup');
    expect(progress.at(-1)).toMatchObject({ phase: 'range', eventsRead: 3 });
    const counts = progress.map((step) => step.eventsRead);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(progress.at(-1)?.fraction).toBe(1);

    const report = buildBacktestReport({
      run,
      against: 'live',
      candidateRules: [],
      baselineRules: ruleVersionsOf(rules),
      stored: [],
      verdicted: [
        {
          alertId: 'stored-1',
          ruleId: 'spyware_offer',
          stage: 'confirmed',
          typology: 'spyware_offer',
          entity: 'msisdn:a',
          eventIds: ['in-1:sms_in'],
          lastEventAtMs: RANGE.fromMs + 5 * MINUTE,
          verdict: 'false_positive',
        },
      ],
    });
    expect(report.totals).toEqual({ candidate: 0, baseline: 2, added: 0, removed: 2, common: 0 });
    expect(report.verdicts.removed).toEqual({ confirmedFraud: 0, falsePositive: 1, unjudged: 1 });
    expect(report.verdicts.precision).toEqual({ baseline: 0, candidate: null, added: null });
    expect(report.changedAlerts.find((changed) => changed.verdict)?.overlappingAlertIds).toEqual([
      'stored-1',
    ]);
    expect(report.contactMemory.note).toContain('warmed only from');
    expect(report.rules.find((rule) => rule.ruleId === 'spyware_offer')).toMatchObject({
      baselineVersion: 1,
      removed: 2,
    });
  });
});
