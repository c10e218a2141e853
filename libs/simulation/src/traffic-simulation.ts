import { BackgroundTraffic } from './background/background-traffic';
import { buildPopulation, type SubscriberPopulation } from './background/subscriber-population';
import { DeliveryQueue } from './delivery-queue';
import { NumberAllocator } from './number-allocator';
import { SeededRandom } from './random';
import { SCENARIO_CATALOGUE } from './scenarios/scenario-catalogue';
import { ScenarioScript, type ScenarioVariant, type TypologyScenarios } from './scenarios/scenario-script';
import {
  resolveSimulationOptions,
  SCENARIO_TAIL_MS,
  type ResolvedSimulationOptions,
  type SimulationOptions,
} from './simulation.options';
import type { ScenarioLabel, SimulatedRecord } from './simulation.types';
import { isoTime, TrafficWriter } from './traffic-writer';
import {
  ALLOW_LISTED_SHOPS,
  networkScenarios,
  type NetworkScenarioLabel,
} from './networks/network-scenarios';

/** Background is generated this much simulated time at a time, lazily, as delivery reaches it. */
const SLICE_MS = 15 * 60_000; // 15 min

/** One simulation run: labelled scenarios plus background traffic, as one stream ordered by delivery time. */
export interface TrafficSimulation {
  readonly options: ResolvedSimulationOptions;
  /** Ground truth, one per injected scenario, in injection order. */
  readonly labels: readonly ScenarioLabel[];
  /** Ground truth of the scam-network scenarios (campaigns, mules, look-alikes), in injection order. */
  readonly networkLabels: readonly NetworkScenarioLabel[];
  /** Event time (ms) the simulated span starts and ends at. */
  readonly startMs: number;
  readonly endMs: number;
  /**
   * The records ordered by delivery time (ties in a fixed order). Each call starts over and yields the same
   * sequence; background is generated lazily, so memory stays bounded for long runs.
   */
  records(): Generator<SimulatedRecord, void, undefined>;
}

/** Builds a deterministic simulation run from options (defaults: see `simulationDefaults`). */
export function simulateTraffic(options: Partial<SimulationOptions> = {}): TrafficSimulation {
  const resolved = resolveSimulationOptions(options);
  const { seed, startMs, durationMs } = resolved;
  const endMs = startMs + durationMs;
  const numbers = new NumberAllocator(SeededRandom.derive(seed, 'numbers'), resolved.homePrefixes);
  const population = buildPopulation(resolved.subscribers, numbers, SeededRandom.derive(seed, 'population'));

  const scenarioRecords: SimulatedRecord[] = [];
  const policy = { mediationDelayMs: resolved.mediationDelayMs, duplicateRate: resolved.duplicateRate };
  const writer = new TrafficWriter(
    `${resolved.runId}-x`,
    SeededRandom.derive(seed, 'scenario-delivery'),
    policy,
    (r) => scenarioRecords.push(r),
  );
  const labels: ScenarioLabel[] = [];
  for (const typology of resolved.typologies) {
    const catalogue = SCENARIO_CATALOGUE[typology];
    const random = SeededRandom.derive(seed, `scenarios:${typology}`);
    const play = (variants: readonly ScenarioVariant[], count: number, benign: boolean): void => {
      for (let i = 0; i < count; i++) {
        const variant = variants[i % variants.length];
        const anchorMs = Math.round(random.between(startMs + resolved.warmUpMs, endMs - SCENARIO_TAIL_MS));
        const recipients = recipientPool(population, numbers, random);
        const script = new ScenarioScript(random, numbers, anchorMs, startMs, writer, recipients);
        const { entity } = variant.play(script);
        const id = `${resolved.runId}-${typology}-${benign ? 'benign' : 'scam'}-${i}`;
        labels.push(labelOf(id, catalogue, variant, benign, entity, script, startMs));
      }
    };
    play(catalogue.scams, resolved.scamsPerTypology, false);
    play(catalogue.benign, resolved.benignPerTypology, true);
  }

  const networkLabels: NetworkScenarioLabel[] = [];
  const networkRandom = SeededRandom.derive(seed, 'networks');
  for (const shop of ALLOW_LISTED_SHOPS) numbers.reserve(shop);
  networkScenarios(resolved.networks, networkRandom).forEach((scenario, index) => {
    const earliestMs = startMs + resolved.warmUpMs;
    const latestMs = Math.max(earliestMs, endMs - SCENARIO_TAIL_MS - scenario.spanMs);
    const anchorMs = Math.round(networkRandom.between(earliestMs, latestMs));
    const script = new ScenarioScript(networkRandom, numbers, anchorMs, startMs, writer, () => []);
    const played = scenario.play(script);
    const times = script.events.map((event) => event.atMs);
    networkLabels.push({
      scenarioId: `${resolved.runId}-network-${scenario.kind}-${index}`,
      kind: scenario.kind,
      benign: scenario.benign,
      numbers: played.numbers,
      subscribers: played.subscribers,
      startedAt: isoTime(Math.min(...times)),
      endedAt: isoTime(Math.max(...times)),
    });
  });

  function* records(): Generator<SimulatedRecord, void, undefined> {
    const queue = new DeliveryQueue();
    for (const record of scenarioRecords) queue.push(record);
    const backgroundWriter = new TrafficWriter(
      `${resolved.runId}-b`,
      SeededRandom.derive(seed, 'background-delivery'),
      policy,
      (r) => queue.push(r),
    );
    const background = new BackgroundTraffic(
      population,
      backgroundWriter,
      SeededRandom.derive(seed, 'background'),
      resolved.backgroundEventsPerSubscriberPerDay,
    );
    // The warm-up's contacts come in its first three quarters, so they precede everything that relies on them.
    background.warmUp(startMs, startMs + resolved.warmUpMs * 0.75);
    let generatedUntilMs = startMs + resolved.warmUpMs;
    for (;;) {
      // Anything not generated yet has event time, hence delivery time, ≥ generatedUntilMs.
      while (generatedUntilMs < endMs && queue.peekTime() >= generatedUntilMs) {
        const sliceEndMs = Math.min(endMs, generatedUntilMs + SLICE_MS);
        background.slice(generatedUntilMs, sliceEndMs);
        generatedUntilMs = sliceEndMs;
      }
      const record = queue.pop();
      if (record === undefined) return;
      yield record;
    }
  }

  return { options: resolved, labels, networkLabels, startMs, endMs, records };
}

/** Mass mailings go to background subscribers when there are enough of them, else to fresh numbers. */
function recipientPool(
  population: SubscriberPopulation,
  numbers: NumberAllocator,
  random: SeededRandom,
): (count: number) => string[] {
  return (count) => {
    if (population.subscribers.length >= 2 * count) {
      return random.sample(population.subscribers, count).map((s) => s.msisdn);
    }
    return Array.from({ length: count }, () => numbers.home());
  };
}

function labelOf(
  scenarioId: string,
  catalogue: TypologyScenarios,
  variant: ScenarioVariant,
  benign: boolean,
  entity: string,
  script: ScenarioScript,
  startMs: number,
): ScenarioLabel {
  const events = [...script.events].sort((a, b) => a.atMs - b.atMs);
  if (events.length === 0) throw new Error(`scenario ${scenarioId} emitted no events`);
  if (events[0].atMs < startMs) throw new Error(`scenario ${scenarioId} starts before the simulation`);
  const label: ScenarioLabel = {
    scenarioId,
    typology: catalogue.typology,
    variant: variant.name,
    benign,
    entity,
    expectedStages: benign ? [] : catalogue.expectedStages(variant.name),
    startedAt: isoTime(events[0].atMs),
    endedAt: isoTime(events[events.length - 1].atMs),
    eventIds: events.map((e) => e.eventId),
  };
  if (!benign && script.lossEvent !== undefined) {
    label.lossEventId = script.lossEvent.eventId;
    label.lossAt = isoTime(script.lossEvent.atMs);
  }
  return label;
}

/** Labels as JSON Lines (one scenario per line, trailing newline). */
export function labelsToJsonl(labels: readonly ScenarioLabel[]): string {
  return labels.map((label) => JSON.stringify(label)).join('\n') + (labels.length > 0 ? '\n' : '');
}
