import { resolve } from 'node:path';
import type { NetworkFindingV1 } from '@vigil/contracts';
import { CorrelationEngine, loadRuleSet } from '@vigil/correlation';
import { IngestProcessor, loadIngestConfig } from '@vigil/ingest';
import {
  ContactMemory,
  loadNetworksConfig,
  lureObservationOf,
  NetworkStage,
  ProposalTable,
} from '@vigil/networks';
import type { SimulationOptions } from '../simulation.options';
import { simulateTraffic } from '../traffic-simulation';
import { DRAIN_MS, INPUT_TOPIC, REPO_ROOT } from './in-process-inputs';
import { scoreNetworkFindings, type NetworkScore } from './network-scoring';

export interface InProcessNetworkEvaluation extends NetworkScore {
  findings: NetworkFindingV1[];
}

/**
 * A simulation through the real ingest step, the correlation engine and the networks stage (contact memory,
 * detection) in one process, on one partition, scored against the network labels: a quick check for tuning the
 * network scenarios and thresholds, not a replacement for `npm run eval`.
 */
export function evaluateNetworksInProcess(
  simulationOptions: Partial<SimulationOptions>,
): InProcessNetworkEvaluation {
  const simulation = simulateTraffic(simulationOptions);
  let nowMs = simulation.startMs;
  const clock = { now: () => nowMs };
  const ingest = new IngestProcessor({
    config: loadIngestConfig(resolve(REPO_ROOT, 'config/ingest')),
    clock,
  });
  const engine = new CorrelationEngine(
    loadRuleSet(resolve(REPO_ROOT, 'rules')),
    { trackDirtyEntities: false },
    clock,
  );
  const config = loadNetworksConfig(resolve(REPO_ROOT, 'config/networks'));
  const contacts = new ContactMemory(config.contacts);
  const stage = new NetworkStage(config.detection, new ProposalTable());
  const findings: NetworkFindingV1[] = [];
  const observeAlerts = (alerts: readonly Parameters<typeof lureObservationOf>[0][]) => {
    for (const alert of alerts) {
      const observation = lureObservationOf(alert);
      if (observation) stage.observe(observation);
    }
  };
  for (const record of simulation.records()) {
    nowMs = record.deliverAtMs;
    const outcome = ingest.process(INPUT_TOPIC[record.topic], JSON.stringify(record.value));
    if (outcome.type !== 'produced') continue;
    for (const entityRecord of outcome.records) {
      const transfer = contacts.observe(entityRecord.value);
      if (transfer) stage.observe(transfer);
      observeAlerts(engine.process(entityRecord.value).alerts);
    }
    findings.push(...stage.flush(nowMs).findings);
  }
  nowMs = Math.max(nowMs, engine.progress().maxEventTimeMs) + DRAIN_MS;
  observeAlerts(engine.advanceEventTime(nowMs).alerts);
  findings.push(...stage.flush(nowMs).findings);
  return { findings, ...scoreNetworkFindings(simulation.networkLabels, findings) };
}
