export { CorrelationEngine } from './correlation-engine';
export { defaultEngineOptions, type EngineOptions } from './engine.options';
export {
  systemClock,
  type Clock,
  type DroppedMatches,
  type EngineOutput,
  type EventRejection,
  type SupersededAlert,
  type EngineStats,
  type EntityFootprint,
  type EvictionStats,
} from './engine.types';
export {
  CorrelationError,
  correlationErrorCodes,
  isCorrelationError,
  type CorrelationErrorCode,
} from './correlation.errors';
export { parseRuleSet, type RuleSource } from './rule-parser';
export { loadRuleSet, readRuleSources } from './rule-loader';
export { RuleSet } from './rule-set';
export type { CompiledRule, CompiledSequenceRule, CompiledThresholdRule } from './rule.types';
export type { RuleDefinition, StepDefinition, PredicateDefinition, ThresholdDefinition } from './rule-schema';
export { FirstContactIndex, type FirstContactPolicy } from './first-contact-index';
export { alertIdOf, type SupportingRule } from './alert-builder';
export { MATCH_MODES, type MatchMode } from './match-mode';
export { parseDurationMs, formatDurationMs } from './duration';
export { SNAPSHOT_FORMAT, type EntitySnapshotV1, type PartitionSnapshotV1 } from './state-codec';
export { SourceWatermarks, type SourceStateV1, type SourceWatermarksSnapshotV1 } from './source-watermarks';
export { type OpenPattern, type CompletedPattern, type PatternScan } from './open-patterns';
