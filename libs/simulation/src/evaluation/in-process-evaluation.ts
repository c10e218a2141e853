import { resolve } from 'node:path';
import type { AlertV1 } from '@vigil/contracts';
import { CorrelationEngine, loadRuleSet, type EngineOptions } from '@vigil/correlation';
import { IngestProcessor, loadIngestConfig } from '@vigil/ingest';
import type { SimulationOptions } from '../simulation.options';
import { simulateTraffic } from '../traffic-simulation';
import { DRAIN_MS, INPUT_TOPIC, REPO_ROOT } from './in-process-inputs';
import { scoreAlerts, type AlertScore } from './alert-scoring';

/** What to simulate and which rules and ingest configuration to run it through. */
export interface InProcessEvaluationOptions {
  simulation?: Partial<SimulationOptions>;
  /** Folder of rule YAML files; default the repository's `rules/`. */
  rulesDir?: string;
  /** Folder of the ingest configuration; default the repository's `config/ingest/`. */
  ingestConfigDir?: string;
  engineOptions?: Partial<EngineOptions>;
}

/** The outcome of a run through ingest and the correlator, in one process, on one partition. */
export interface InProcessEvaluation extends AlertScore {
  rawRecords: number;
  duplicates: number;
  rejected: number;
  entityEvents: number;
  lateEvents: number;
  alerts: AlertV1[];
}

/**
 * Runs a simulation through the real ingest step (`IngestProcessor`) and the real correlation engine with the
 * repository's rules, in delivery order, with processing time = delivery time, and scores the alerts against
 * the labels. No Kafka: a sanity check for tuning scenarios, not a replacement for the pipeline eval.
 */
export function evaluateInProcess(options: InProcessEvaluationOptions = {}): InProcessEvaluation {
  const simulation = simulateTraffic(options.simulation);
  let nowMs = simulation.startMs;
  const clock = { now: () => nowMs };
  const ingest = new IngestProcessor({
    config: loadIngestConfig(options.ingestConfigDir ?? resolve(REPO_ROOT, 'config/ingest')),
    clock,
  });
  const engine = new CorrelationEngine(
    loadRuleSet(options.rulesDir ?? resolve(REPO_ROOT, 'rules')),
    { trackDirtyEntities: false, ...options.engineOptions },
    clock,
  );
  const alerts: AlertV1[] = [];
  let rawRecords = 0;
  let duplicates = 0;
  let rejected = 0;
  let entityEvents = 0;
  let lateEvents = 0;
  for (const record of simulation.records()) {
    rawRecords++;
    nowMs = record.deliverAtMs;
    const outcome = ingest.process(INPUT_TOPIC[record.topic], JSON.stringify(record.value));
    if (outcome.type === 'duplicate') duplicates++;
    if (outcome.type === 'rejected') rejected++;
    if (outcome.type !== 'produced') continue;
    for (const entityRecord of outcome.records) {
      entityEvents++;
      const out = engine.process(entityRecord.value);
      alerts.push(...out.alerts);
      lateEvents += out.lateEvents.length;
    }
  }
  // Let event time run on long enough for absences and thresholds to time out, as the end of a stream does.
  nowMs = Math.max(nowMs, engine.progress().maxEventTimeMs) + DRAIN_MS;
  alerts.push(...engine.advanceEventTime(nowMs).alerts);
  return {
    rawRecords,
    duplicates,
    rejected,
    entityEvents,
    lateEvents,
    alerts,
    ...scoreAlerts(simulation.labels, alerts),
  };
}
