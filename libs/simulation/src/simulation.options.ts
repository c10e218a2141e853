import { TYPOLOGIES, type Typology } from '@vigil/contracts';
import { NO_NETWORK_SCENARIOS, type NetworkScenarioCounts } from './networks/network-scenarios';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** How many scenarios to inject: per typology, or a total split evenly over typologies (scam and benign halves). */
export interface ScenarioCounts {
  /** Scam scenarios per typology. */
  perTypology?: number;
  /** All labelled scenarios (scam + benign), split evenly over typologies; half scam, half benign unless `benignPerTypology` is set. */
  total?: number;
}

/** A closed range of milliseconds. */
export interface DelayRangeMs {
  min: number;
  max: number;
}

/** Everything that shapes one simulation run. Durations are in ms of simulated (event) time. */
export interface SimulationOptions {
  /** PRNG seed: the same options and seed give byte-identical output. */
  seed: number;
  /** Background subscribers of the home number plan. */
  subscribers: number;
  scenarios: ScenarioCounts;
  /** Benign look-alike scenarios per typology; defaults to the scam count per typology. */
  benignPerTypology?: number;
  /** Typologies to inject; default all ten. */
  typologies: readonly Typology[];
  /** Simulated span from `startMs`, warm-up included. Default 24 h. */
  durationMs: number;
  /** First part of the span: relatives and friends exchange SMS and calls so they are known contacts. Default 1 h. */
  warmUpMs: number;
  /** Event time of the first event (ms since epoch). Default: now minus `warmUpMs`. */
  startMs: number;
  /** Mean background events (calls, SMS, payments) per subscriber per simulated day. Default 12. */
  backgroundEventsPerSubscriberPerDay: number;
  /** Share of records delivered twice with the same eventId. Default 0.01. */
  duplicateRate: number;
  /**
   * Delay between a call's end and its record's delivery. Default 5 s .. 180 s. Call durations are capped at
   * 6 min, so duration plus delay stays under the correlator's 10 min allowed lateness.
   */
  mediationDelayMs: DelayRangeMs;
  /** Prefix of every eventId (so two runs on one broker do not share ids). Default `sim<seed>`. */
  runId: string;
  /** Home number-plan prefixes (country code included) subscriber numbers are drawn from. */
  homePrefixes: readonly string[];
  /**
   * Scam networks (campaigns, mules) and their benign look-alikes, played after the typology scenarios with a
   * random stream of their own, on numbers of their own: none by default, so a run without them is unchanged.
   */
  networks: Partial<NetworkScenarioCounts>;
}

/** The home prefixes of config/ingest/number-plan.yaml. */
export const DEFAULT_HOME_PREFIXES: readonly string[] = [
  '7700',
  '7701',
  '7702',
  '7705',
  '7707',
  '7708',
  '7747',
  '7771',
  '7775',
  '7776',
  '7777',
  '7778',
];

/** Defaults of every option except `startMs`, which depends on the clock. */
export const simulationDefaults = {
  seed: 1,
  subscribers: 1_000,
  scenarios: { perTypology: 10 },
  typologies: TYPOLOGIES,
  durationMs: 24 * HOUR_MS, // 24 h
  warmUpMs: HOUR_MS, // 1 h
  backgroundEventsPerSubscriberPerDay: 12,
  duplicateRate: 0.01,
  mediationDelayMs: { min: 5_000, max: 180_000 }, // 5 s .. 3 min
  homePrefixes: DEFAULT_HOME_PREFIXES,
} as const;

/** Options with every default applied and the scenario counts resolved. */
export interface ResolvedSimulationOptions extends Omit<
  SimulationOptions,
  'benignPerTypology' | 'scenarios' | 'networks'
> {
  networks: NetworkScenarioCounts;
  scamsPerTypology: number;
  benignPerTypology: number;
}

/** Room a scenario needs after its anchor (its longest sequence plus trailing checks such as a 30 min absence). */
export const SCENARIO_TAIL_MS = 3 * HOUR_MS; // 3 h

/** Applies defaults and checks the options; throws RangeError naming the bad option. */
export function resolveSimulationOptions(
  options: Partial<SimulationOptions> = {},
  nowMs: number = Date.now(),
): ResolvedSimulationOptions {
  const warmUpMs = options.warmUpMs ?? simulationDefaults.warmUpMs;
  const typologies = options.typologies ?? simulationDefaults.typologies;
  const counts: ScenarioCounts = options.scenarios ?? simulationDefaults.scenarios;
  let scamsPerTypology: number;
  let benignPerTypology: number;
  if (counts.total !== undefined) {
    const perTypology = counts.total / Math.max(1, typologies.length);
    benignPerTypology = options.benignPerTypology ?? Math.floor(perTypology / 2);
    scamsPerTypology =
      options.benignPerTypology === undefined
        ? Math.ceil(perTypology / 2)
        : Math.ceil(perTypology - benignPerTypology);
  } else {
    scamsPerTypology = counts.perTypology ?? simulationDefaults.scenarios.perTypology;
    benignPerTypology = options.benignPerTypology ?? scamsPerTypology;
  }
  const seed = options.seed ?? simulationDefaults.seed;
  const resolved: ResolvedSimulationOptions = {
    seed,
    subscribers: options.subscribers ?? simulationDefaults.subscribers,
    typologies,
    durationMs: options.durationMs ?? simulationDefaults.durationMs,
    warmUpMs,
    startMs: options.startMs ?? Math.floor((nowMs - warmUpMs) / 1000) * 1000,
    backgroundEventsPerSubscriberPerDay:
      options.backgroundEventsPerSubscriberPerDay ?? simulationDefaults.backgroundEventsPerSubscriberPerDay,
    duplicateRate: options.duplicateRate ?? simulationDefaults.duplicateRate,
    mediationDelayMs: options.mediationDelayMs ?? simulationDefaults.mediationDelayMs,
    runId: options.runId ?? `sim${seed}`,
    homePrefixes: options.homePrefixes ?? simulationDefaults.homePrefixes,
    networks: { ...NO_NETWORK_SCENARIOS, ...options.networks },
    scamsPerTypology,
    benignPerTypology,
  };
  check(Number.isInteger(resolved.seed), 'seed must be an integer');
  check(
    Number.isInteger(resolved.subscribers) && resolved.subscribers >= 2,
    'subscribers must be an integer ≥ 2',
  );
  check(scamsPerTypology >= 0 && benignPerTypology >= 0, 'scenario counts must be ≥ 0');
  check(resolved.warmUpMs >= 30 * MINUTE_MS, 'warmUpMs must be ≥ 30 min (known contacts precede scenarios)');
  check(
    resolved.durationMs >= resolved.warmUpMs + SCENARIO_TAIL_MS + HOUR_MS,
    'durationMs must leave at least 1 h for scenarios after the warm-up and a 3 h tail',
  );
  check(resolved.duplicateRate >= 0 && resolved.duplicateRate <= 0.5, 'duplicateRate must be in [0, 0.5]');
  const { min, max } = resolved.mediationDelayMs;
  check(
    min >= 0 && max >= min && max <= 4 * MINUTE_MS,
    'mediationDelayMs must satisfy 0 ≤ min ≤ max ≤ 4 min',
  );
  check(resolved.backgroundEventsPerSubscriberPerDay >= 0, 'backgroundEventsPerSubscriberPerDay must be ≥ 0');
  check(/^[A-Za-z0-9_-]{1,40}$/.test(resolved.runId), 'runId must be 1-40 of [A-Za-z0-9_-]');
  for (const typology of typologies) check(TYPOLOGIES.includes(typology), `unknown typology ${typology}`);
  for (const [kind, count] of Object.entries(resolved.networks))
    check(Number.isInteger(count) && count >= 0, `networks.${kind} must be an integer ≥ 0`);
  return resolved;
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new RangeError(`simulation options: ${message}`);
}
