import fc from 'fast-check';
import type { SourceWatermarkV1 } from '@vigil/contracts';
import { SourceWatermarks } from './source-watermarks';

const TOPICS = ['telco.sms.v1', 'telco.calls.v1'];
const PARTITIONS = 3;
const SOURCES = TOPICS.flatMap((topic) =>
  Array.from({ length: PARTITIONS }, (_, partition) => ({ topic, partition })),
);

/** One report about one source, by one ingest instance holding it under one assignment. */
interface Report {
  source: number;
  /** Event time the source has reached when the report is made (each source's reports only move forward). */
  advanceMs: number;
  idle: boolean;
  /** Which assignment the reporting instance holds it under: reports of an older one may arrive late. */
  assignment: number;
}

const reportArb = fc.record({
  source: fc.nat(SOURCES.length - 1),
  advanceMs: fc.nat(600_000),
  idle: fc.boolean(),
  assignment: fc.nat(3),
});

function record(report: Report, eventTimeMs: number, position: number): SourceWatermarkV1 {
  const { topic, partition } = SOURCES[report.source];
  return {
    emittedAt: new Date(0).toISOString(),
    instance: `ingest-${report.assignment % 2}`,
    assignedAtMs: report.assignment * 1_000,
    inputPartitions: Object.fromEntries(TOPICS.map((topic) => [topic, PARTITIONS])),
    sources: [{ topic, partition, eventTimeMs, position: String(position), idle: report.idle }],
  };
}

describe(SourceWatermarks.name, () => {
  it('never lets the combined event time pass the slowest source that is not idle, whatever the interleaving', () => {
    fc.assert(
      fc.property(fc.array(reportArb, { minLength: 1, maxLength: 60 }), (reports) => {
        const combiner = new SourceWatermarks();
        const reached = new Map<number, number>();
        /** What the latest assignment says of each source's idleness: the truth the combiner must follow. */
        const idleness = new Map<number, { assignment: number; idle: boolean }>();
        reports.forEach((report, index) => {
          const timeMs = (reached.get(report.source) ?? 1_000_000) + report.advanceMs;
          reached.set(report.source, timeMs);
          const latest = idleness.get(report.source);
          if (latest === undefined || report.assignment >= latest.assignment)
            idleness.set(report.source, { assignment: report.assignment, idle: report.idle });
          const combined = combiner.apply(record(report, timeMs, index));

          const heardFromAll = SOURCES.every((_, source) => reached.has(source));
          if (!heardFromAll) {
            expect(combined).toBe(-Infinity);
            return;
          }
          const active = SOURCES.map((_, source) => source).filter((source) => !idleness.get(source)!.idle);
          if (active.length > 0) {
            const slowest = Math.min(...active.map((source) => reached.get(source)!));
            expect(combined).toBeLessThanOrEqual(slowest);
            expect(combined).toBe(slowest);
          } else {
            expect(combined).toBe(Math.max(...reached.values()));
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('tells a replayed source record from a new one by its position, and keeps both across a snapshot', () => {
    const combiner = new SourceWatermarks();
    combiner.apply(record({ source: 0, advanceMs: 0, idle: false, assignment: 1 }, 5_000, 42));
    // An earlier owner's report arriving late cannot move the position back.
    combiner.apply(record({ source: 0, advanceMs: 0, idle: false, assignment: 0 }, 4_000, 17));
    const restored = SourceWatermarks.restore(JSON.parse(JSON.stringify(combiner.snapshot())));
    for (const watermarks of [combiner, restored]) {
      expect(watermarks.isReplay('telco.sms.v1', 0, 41)).toBe(true);
      expect(watermarks.isReplay('telco.sms.v1', 0, 42)).toBe(false);
      expect(watermarks.isReplay('telco.sms.v1', 1, 0)).toBe(false);
    }
  });
});
