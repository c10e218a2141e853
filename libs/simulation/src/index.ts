// Public surface of @vigil/simulation: deterministic synthetic operator traffic with labelled scam scenarios.
export type { SimulatedRecord, SimulatedTopic, ScenarioLabel } from './simulation.types';
export {
  type SimulationOptions,
  type ResolvedSimulationOptions,
  type ScenarioCounts,
  type DelayRangeMs,
  DEFAULT_HOME_PREFIXES,
  simulationDefaults,
  resolveSimulationOptions,
} from './simulation.options';
export { type TrafficSimulation, simulateTraffic, labelsToJsonl } from './traffic-simulation';
export { SeededRandom } from './random';
export { SCENARIO_CATALOGUE } from './scenarios/scenario-catalogue';
export type { ScenarioVariant, TypologyScenarios } from './scenarios/scenario-script';
export {
  type TypologyQuality,
  type FalseAlert,
  type AlertScore,
  scoreAlerts,
} from './evaluation/alert-scoring';
export {
  type InProcessEvaluationOptions,
  type InProcessEvaluation,
  evaluateInProcess,
} from './evaluation/in-process-evaluation';
export {
  type NetworkScenarioKind,
  type NetworkScenarioLabel,
  type NetworkScenarioCounts,
  ALLOW_LISTED_SHOPS,
  NO_NETWORK_SCENARIOS,
} from './networks/network-scenarios';
export {
  type NetworkQuality,
  type NetworkScore,
  scoreNetworkFindings,
  networkScenarioEntities,
} from './evaluation/network-scoring';
export {
  type InProcessNetworkEvaluation,
  evaluateNetworksInProcess,
} from './evaluation/in-process-network-evaluation';
