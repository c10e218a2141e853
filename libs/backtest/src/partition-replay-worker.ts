import { Worker } from 'node:worker_threads';
import type { PartitionReplayResult } from './partition-replay';
import {
  PARTITION_REPLAY_WORKER_FILE,
  type FromReplayWorker,
  type PartitionReplaySetup,
  type ReplayPhase,
  type ToReplayWorker,
} from './partition-replay.worker';

/** Rows are posted in chunks of at least this many bytes: a message and its ack cost about as much as 100 rows. */
const CHUNK_BYTES = 262_144; // 256 KiB
/** Chunks posted ahead of the worker's acks: enough to keep it busy, few enough to bound memory. */
const MAX_CHUNKS_IN_FLIGHT = 4;

// Under tsx or a TypeScript test runner the module is TypeScript: the worker loads it through tsx's require hook
// (a development dependency, as those runners are; a build runs the compiled file).
const TYPESCRIPT_HOOK = 'tsx/cjs';

function startWorker(file: string, setup: PartitionReplaySetup): Worker {
  if (!file.endsWith('.ts')) return new Worker(file, { workerData: setup });
  const source = `require(${JSON.stringify(require.resolve(TYPESCRIPT_HOOK))}); require(${JSON.stringify(file)});`;
  return new Worker(source, { eval: true, workerData: setup });
}

/** One phase of a partition's rows, as TabSeparated chunks in existence order. */
export interface ReplayRows {
  phase: ReplayPhase;
  rows: AsyncIterable<Uint8Array>;
}

/** Progress of one partition: events decoded and replayed, and when the last of them existed. */
export type ReplayAck = Extract<FromReplayWorker, { type: 'ack' }>;

/**
 * A worker thread replaying entity partitions one after another (see `PartitionReplay`), fed the rows the main thread
 * reads: decoding and both engines run off the main thread, so partitions replay on every core.
 */
export class PartitionReplayWorker {
  private readonly worker: Worker;
  private readonly waiting: {
    resolve: (message: FromReplayWorker) => void;
    reject: (error: Error) => void;
  }[] = [];
  private failure: Error | undefined;

  constructor(setup: PartitionReplaySetup) {
    this.worker = startWorker(PARTITION_REPLAY_WORKER_FILE, setup);
    this.worker.on('message', (message: FromReplayWorker) => this.waiting.shift()?.resolve(message));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`back-test worker exited (code ${code})`)));
  }

  /** Replays one partition's phases in order; `onAck` sees each chunk's progress. */
  async replay(
    phases: readonly ReplayRows[],
    eventTimeMs: number,
    onAck: (ack: ReplayAck) => void,
  ): Promise<PartitionReplayResult> {
    this.post({ type: 'begin' });
    const acks: Promise<FromReplayWorker>[] = [];
    const settle = async (): Promise<void> => {
      const message = await acks.shift()!;
      if (message.type === 'failed') throw new Error(`back-test replay failed: ${message.message}`);
      if (message.type === 'ack') onAck(message);
    };
    for (const { phase, rows } of phases) {
      const pending: Uint8Array[] = [];
      let pendingBytes = 0;
      const send = async (): Promise<void> => {
        // One copy of its own (received chunks may be views of larger, shared buffers) that moves, not clones.
        const own = Buffer.concat(pending, pendingBytes);
        pending.length = 0;
        pendingBytes = 0;
        const chunk = new Uint8Array(own.buffer, own.byteOffset, own.byteLength);
        acks.push(this.next());
        this.post({ type: 'rows', phase, chunk }, own.byteOffset === 0 ? [own.buffer] : []);
        if (acks.length >= MAX_CHUNKS_IN_FLIGHT) await settle();
      };
      for await (const chunk of rows) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= CHUNK_BYTES) await send();
      }
      if (pendingBytes > 0) await send();
    }
    while (acks.length > 0) await settle();
    const done = this.next();
    this.post({ type: 'end', eventTimeMs });
    const message = await done;
    if (message.type === 'failed') throw new Error(`back-test replay failed: ${message.message}`);
    if (message.type !== 'done')
      throw new Error(`back-test worker answered ${message.type} at a partition's end`);
    return message.result;
  }

  async close(): Promise<void> {
    this.failure ??= new Error('back-test worker closed');
    await this.worker.terminate();
  }

  private next(): Promise<FromReplayWorker> {
    const next =
      this.failure === undefined
        ? new Promise<FromReplayWorker>((resolve, reject) => this.waiting.push({ resolve, reject }))
        : Promise.reject(this.failure);
    // Awaited in order, maybe after a failure has rejected it: not an unhandled rejection meanwhile.
    next.catch(() => undefined);
    return next;
  }

  private post(message: ToReplayWorker, transfer: ArrayBuffer[] = []): void {
    if (this.failure !== undefined) throw this.failure;
    this.worker.postMessage(message, transfer);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.splice(0)) waiter.reject(this.failure);
  }
}
