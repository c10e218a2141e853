import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { EngineOptions } from '@vigil/correlation';
import { PartitionReplay, type PartitionReplayResult } from './partition-replay';
import { comparedRuleSets, type RuleDocument } from './rule-documents';
import { StoredRowDecoder } from './stored-row-decoder';

/** This module's file: a worker thread runs it (compiled, or TypeScript through tsx). */
export const PARTITION_REPLAY_WORKER_FILE = __filename;

/** What a replay worker is started with (structured-clonable: rules as their YAML documents). */
export interface PartitionReplaySetup {
  role: 'partition-replay';
  candidate: readonly RuleDocument[];
  baseline: readonly RuleDocument[];
  engineOptions: Partial<EngineOptions>;
  countFromMs: number;
}

export type ReplayPhase = 'warmup' | 'range';

/** Main thread → worker: one partition at a time, its rows in order, then its end. */
export type ToReplayWorker =
  | { type: 'begin' }
  | { type: 'rows'; phase: ReplayPhase; chunk: Uint8Array }
  | { type: 'end'; eventTimeMs: number };

/** Worker → main thread: one `ack` per `rows` (events decoded and replayed), one `done` or `failed` per partition. */
export type FromReplayWorker =
  | { type: 'ack'; phase: ReplayPhase; events: number; lastExistedAtMs: number | undefined }
  | { type: 'done'; result: PartitionReplayResult }
  | { type: 'failed'; message: string };

function serve(port: MessagePort, setup: PartitionReplaySetup): void {
  const { candidate, baseline } = comparedRuleSets(setup.candidate, setup.baseline);
  let replay: PartitionReplay | undefined;
  let decoder = new StoredRowDecoder();
  const reply = (message: FromReplayWorker): void => port.postMessage(message);
  port.on('message', (message: ToReplayWorker) => {
    try {
      if (message.type === 'begin') {
        replay = new PartitionReplay(candidate, baseline, setup.engineOptions, setup.countFromMs);
        decoder = new StoredRowDecoder();
      } else if (message.type === 'rows') {
        const events = decoder.decode(message.chunk);
        replay!.process(events);
        const last = events.at(-1);
        reply({
          type: 'ack',
          phase: message.phase,
          events: events.length,
          lastExistedAtMs: last && Date.parse(last.occurredAt) + (last.durationSec ?? 0) * 1000,
        });
      } else {
        decoder.end();
        reply({ type: 'done', result: replay!.finish(message.eventTimeMs) });
        replay = undefined;
      }
    } catch (error) {
      replay = undefined;
      reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  });
}

if (!isMainThread && (workerData as PartitionReplaySetup | undefined)?.role === 'partition-replay')
  serve(parentPort!, workerData as PartitionReplaySetup);
