export { CorrelationEngine } from './engine/correlation-engine';
export { defaultEngineOptions, type EngineOptions } from './engine/engine.options';
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
} from './engine/engine.types';
export {
  CorrelationError,
  correlationErrorCodes,
  isCorrelationError,
  type CorrelationErrorCode,
} from './correlation.errors';
export { parseRuleSet, type RuleSource } from './rules/rule-parser';
export { loadRuleSet, readRuleSources } from './rules/rule-loader';
export { RuleSet } from './rules/rule-set';
export type { CompiledRule, CompiledSequenceRule, CompiledThresholdRule } from './rules/rule.types';
export type {
  RuleDefinition,
  StepDefinition,
  PredicateDefinition,
  ThresholdDefinition,
} from './rules/rule-schema';
export { FirstContactIndex, type FirstContactPolicy } from './state/first-contact-index';
export { alertIdOf, type SupportingRule } from './engine/alert-builder';
export { MATCH_MODES, type MatchMode } from './rules/match-mode';
export { parseDurationMs, formatDurationMs } from './time/duration';
export { SNAPSHOT_FORMAT, type EntitySnapshotV1, type PartitionSnapshotV1 } from './snapshot/state-codec';
export {
  SourceWatermarks,
  type SourceStateV1,
  type SourceWatermarksSnapshotV1,
} from './time/source-watermarks';
export {
  type OpenPattern,
  type CompletedPattern,
  type PatternProgress,
  type PatternScan,
} from './matching/open-patterns';
