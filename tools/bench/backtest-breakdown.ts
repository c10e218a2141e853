// Where `bench:backtest`'s time goes, each part measured alone on the same stored history: ClickHouse streaming the
// partitions' sorted rows (nothing done with them), the same plus decoding them into entity events, and the engine
// over events already in memory. CPU is this process's (all threads) and, given its pid, the ClickHouse server's.
import { readFileSync } from 'node:fs';
import type { EntityEventV1 } from '@vigil/contracts';
import {
  PartitionReplay,
  StoredEntityEventsReader,
  StoredRowDecoder,
  comparedRuleSets,
  type RuleDocument,
  type TimeRange,
} from '@vigil/backtest';

export interface PartMeasurement {
  wallSec: number;
  /** This process's CPU seconds (user + system, every thread). */
  cpuSec: number;
  /** The ClickHouse server's CPU seconds (every query it ran meanwhile, not only ours), when its pid is known. */
  serverCpuSec?: number;
  /** Events handled (ClickHouse alone: rows' bytes streamed instead). */
  events?: number;
  bytes?: number;
}

const CLOCK_TICKS_PER_SEC = 100;

/** CPU seconds the process `pid` has used (undefined without a pid). */
export function serverCpuSec(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  // /proc/<pid>/stat: fields 14 and 15 (utime, stime) after the parenthesised command name.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SEC;
}

async function measure(
  serverPid: number | undefined,
  part: () => Promise<{ events?: number; bytes?: number }>,
): Promise<PartMeasurement> {
  const cpu = process.cpuUsage();
  const server = serverCpuSec(serverPid);
  const started = process.hrtime.bigint();
  const handled = await part();
  const wallSec = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  const serverAfter = serverCpuSec(serverPid);
  return {
    wallSec,
    cpuSec: (used.user + used.system) / 1e6,
    serverCpuSec: server === undefined || serverAfter === undefined ? undefined : serverAfter - server,
    ...handled,
  };
}

/** ClickHouse alone, decoding, and the engines, each over the back-tested range (engines: its first partition). */
export async function measureBreakdown(
  reader: StoredEntityEventsReader,
  range: TimeRange,
  rules: { candidate: readonly RuleDocument[]; baseline: readonly RuleDocument[] },
  serverPid: number | undefined,
): Promise<Record<'clickhouseRead' | 'readAndDecode' | 'enginesOnePartition', PartMeasurement>> {
  const partitions = reader.partitions(await reader.count(range), {});
  const clickhouseRead = await measure(serverPid, async () => {
    let bytes = 0;
    for (const partition of partitions)
      for await (const chunk of reader.readRows(range, partition)) bytes += chunk.length;
    return { bytes };
  });
  const readAndDecode = await measure(serverPid, async () => {
    let events = 0;
    for (const partition of partitions) {
      const decoder = new StoredRowDecoder();
      for await (const chunk of reader.readRows(range, partition)) events += decoder.decode(chunk).length;
    }
    return { events };
  });
  const held: EntityEventV1[] = [];
  const decoder = new StoredRowDecoder();
  for await (const chunk of reader.readRows(range, partitions[0])) held.push(...decoder.decode(chunk));
  const { candidate, baseline } = comparedRuleSets(rules.candidate, rules.baseline);
  const enginesOnePartition = await measure(undefined, async () => {
    const replay = new PartitionReplay(candidate, baseline, {}, range.fromMs);
    replay.process(held);
    replay.finish(range.toMs);
    return { events: held.length };
  });
  return { clickhouseRead, readAndDecode, enginesOnePartition };
}
