import { parseDurationMs } from '@vigil/correlation';

/** A back-test range from the command line: `--from 7d` (the last 7 days) or `--from ISO [--to ISO]`. */
export function backtestRange(
  from: string,
  to: string | undefined,
  nowMs = Date.now(),
): { fromMs: number; toMs: number } {
  const toMs = to === undefined ? nowMs : Date.parse(to);
  if (Number.isNaN(toMs)) throw new RangeError(`--to: not an ISO-8601 date-time: ${to}`);
  const relative = /^\d+[smhd]$/.test(from) ? parseDurationMs(from) : undefined;
  const fromMs = relative === undefined ? Date.parse(from) : toMs - relative;
  if (Number.isNaN(fromMs))
    throw new RangeError(`--from: expected a duration like 7d or an ISO-8601 date-time: ${from}`);
  if (!(toMs > fromMs)) throw new RangeError('--from must lie before --to');
  return { fromMs, toMs };
}
