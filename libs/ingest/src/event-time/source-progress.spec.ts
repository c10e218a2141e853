import { SourceProgress } from './source-progress';

const MINUTE = 60_000;
const T = Date.parse('2026-01-01T00:00:00.000Z');
const SMS = 'telco.sms.v1';
const CALLS = 'telco.calls.v1';

function owned(): SourceProgress {
  const progress = new SourceProgress({ idleTimeoutMs: 10_000, maxDriftMs: 5 * MINUTE });
  progress.assign([
    [SMS, 0],
    [CALLS, 0],
  ]);
  return progress;
}

describe(SourceProgress.name, () => {
  it('reports each source with its event time and position, and no time before its first batch', () => {
    const progress = owned();
    progress.batchDone(SMS, 0, 120, 500, T, 1_000);
    expect(progress.report(1_000)).toEqual([
      { topic: SMS, partition: 0, eventTimeMs: T, position: '120', idle: false },
      { topic: CALLS, partition: 0, eventTimeMs: null, position: null, idle: false },
    ]);
  });

  it('calls a source idle only when read to its end and quiet, and then moves its time at the wall clock pace', () => {
    const progress = owned();
    progress.batchDone(SMS, 0, 500, 500, T, 1_000);
    expect(progress.report(5_000)[0].idle).toBe(false); // read to its end, not yet quiet
    expect(progress.report(11_000)[0]).toMatchObject({ idle: true, eventTimeMs: T + 10_000 });
    progress.batchDone(CALLS, 0, 10, 900, T, 1_000);
    expect(progress.report(60_000)[1].idle).toBe(false); // quiet but with records left: a lagging stream
  });

  it('calls a partition idle at once when it is read to its end before any record came (an empty one)', () => {
    const progress = owned();
    progress.startAt(CALLS, 0, 0);
    progress.endAt(CALLS, 0, 0);
    expect(progress.report(0)[1]).toMatchObject({ idle: true, eventTimeMs: null });
    progress.startAt(SMS, 0, 40);
    progress.endAt(SMS, 0, 90);
    expect(progress.report(60_000)[0].idle).toBe(false); // records left to read: it holds event time back
  });

  it('pauses a source that runs ahead of the slowest one with records left, and resumes it when that catches up', () => {
    const progress = owned();
    progress.batchDone(SMS, 0, 100, 1_000, T + 20 * MINUTE, 0);
    progress.batchDone(CALLS, 0, 100, 1_000, T, 0);
    expect(progress.align()).toEqual({ pause: [[SMS, 0]], resume: [] });
    progress.batchDone(CALLS, 0, 200, 1_000, T + 16 * MINUTE, 0);
    expect(progress.align()).toEqual({ pause: [], resume: [] }); // within the drift, not within half of it
    progress.batchDone(CALLS, 0, 300, 1_000, T + 18 * MINUTE, 0);
    expect(progress.align()).toEqual({ pause: [], resume: [[SMS, 0]] });
  });

  it('never lets a source read to its end (an empty or dead partition) hold the others back', () => {
    const progress = owned();
    progress.startAt(CALLS, 0, 0);
    progress.endAt(CALLS, 0, 0);
    progress.batchDone(SMS, 0, 100, 1_000, T + 60 * MINUTE, 0);
    expect(progress.align()).toEqual({ pause: [], resume: [] });
  });

  it('holds every source back until a source not read yet delivers its first batch', () => {
    const progress = owned();
    progress.batchDone(SMS, 0, 100, 1_000, T, 0);
    expect(progress.align().pause).toEqual([[SMS, 0]]);
    progress.batchDone(CALLS, 0, 100, 1_000, T, 0);
    expect(progress.align().resume).toEqual([[SMS, 0]]);
  });
});
