import { setTimeout as sleep } from 'node:timers/promises';
import type { ManagedProcess } from './managed-process';

/** Polls `ready` every 200 ms until it is true; fails early, with its log, when the process died. */
export async function waitFor(
  what: string,
  timeoutMs: number,
  process: ManagedProcess,
  ready: () => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!process.alive) throw new Error(`${what}: process exited\n${process.logTail()}`);
    if (await ready().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`${what}: not ready after ${timeoutMs} ms\n${process.logTail()}`);
}
