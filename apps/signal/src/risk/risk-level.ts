import type { RiskPatternV1 } from '@vigil/contracts';

/** The answer's scale, lowest first (CAMARA-style enumeration). */
export const RISK_LEVELS = ['none', 'elevated', 'high', 'critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/**
 * How close one open pattern is to the loss (README, "Scam signal"): its early-warning step reached (the code has
 * arrived, the loss is one step away) is `critical`; half of its steps or more is `high`; fewer is `elevated`.
 */
export function riskOfOpenPattern(pattern: RiskPatternV1): RiskLevel {
  if (pattern.earlyWarningReached) return 'critical';
  return pattern.stepsReached * 2 >= pattern.stepsTotal ? 'high' : 'elevated';
}

/**
 * The subscriber's risk: the highest of the open patterns, and `critical` while a pattern completed within the
 * retention of its ending (the scam has happened: money or a code may be leaving right now). Expired patterns and
 * those of a withdrawn rule count for nothing.
 */
export function riskLevelOf(
  openPatterns: readonly RiskPatternV1[],
  endedPatterns: readonly RiskPatternV1[],
): RiskLevel {
  let level = 0;
  for (const pattern of openPatterns)
    level = Math.max(level, RISK_LEVELS.indexOf(riskOfOpenPattern(pattern)));
  if (endedPatterns.some((pattern) => pattern.ending === 'completed'))
    level = RISK_LEVELS.indexOf('critical');
  return RISK_LEVELS[level];
}

/** The higher of two levels. */
export function atLeast(level: RiskLevel, floor: RiskLevel): RiskLevel {
  return RISK_LEVELS.indexOf(level) >= RISK_LEVELS.indexOf(floor) ? level : floor;
}
