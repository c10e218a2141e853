const DURATION_PATTERN = /^(\d+)(ms|s|m|h|d)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** True when `text` reads like `500ms`, `30s`, `10m`, `1h` or `30d`. */
export function isDuration(text: string): boolean {
  return DURATION_PATTERN.test(text);
}

/** Parses a duration such as `30m` into milliseconds; throws RangeError on anything else. */
export function parseDurationMs(text: string): number {
  const match = DURATION_PATTERN.exec(text);
  if (match === null) throw new RangeError(`not a duration: ${text}`);
  return Number(match[1]) * UNIT_MS[match[2]];
}

/** Formats milliseconds back into the shortest exact duration text (`600000` → `10m`). */
export function formatDurationMs(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    if (ms >= UNIT_MS[unit] && ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${ms}ms`;
}
