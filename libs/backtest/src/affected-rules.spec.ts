import { resolve } from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { SMS_TOPIC, CALLS_TOPIC, PAYMENTS_TOPIC, type AlertV1, type EntityEventV1 } from '@vigil/contracts';
import { readRuleSources } from '@vigil/correlation';
import { IngestProcessor, loadIngestConfig } from '@vigil/ingest';
import { simulateTraffic } from '@vigil/simulation';
import { affectedRules, onlyRules } from './affected-rules';
import { alertIdentityKey, identityOf } from './alert-identity';
import { PartitionReplay } from './partition-replay';
import {
  comparedRuleSets,
  ruleSetOfDocuments,
  splitRuleDocuments,
  type RuleDocument,
} from './rule-documents';

const REPO_ROOT = resolve(__dirname, '../../..');
const TOPICS = { sms: SMS_TOPIC, calls: CALLS_TOPIC, payments: PAYMENTS_TOPIC } as const;
/** Long enough after the last event for every window and absence to close. */
const DRAIN_MS = 6 * 3_600_000;

/** A simulated operator day (scams of every typology and their benign look-alikes) as the entity events ingest makes. */
function simulatedDay(): EntityEventV1[] {
  const simulation = simulateTraffic({ seed: 24, subscribers: 400, scenarios: { perTypology: 8 } });
  let nowMs = simulation.startMs;
  const ingest = new IngestProcessor({
    config: loadIngestConfig(resolve(REPO_ROOT, 'config/ingest')),
    clock: { now: () => nowMs },
  });
  const events: EntityEventV1[] = [];
  for (const record of simulation.records()) {
    nowMs = record.deliverAtMs;
    const outcome = ingest.process(TOPICS[record.topic], JSON.stringify(record.value));
    if (outcome.type === 'produced') events.push(...outcome.records.map((entity) => entity.value));
  }
  return events;
}

/**
 * Both sides' alerts over the events, by identity: by one engine judging both sets side by side (the rules they share
 * compiled once, as a back-test runs them), or by one engine per set (`apart`: each set compiled on its own).
 */
function replay(
  candidate: readonly RuleDocument[],
  baseline: readonly RuleDocument[],
  events: readonly EntityEventV1[],
  engines: 'side by side' | 'apart' = 'side by side',
): { candidate: Map<string, AlertV1>; baseline: Map<string, AlertV1> } {
  const sets =
    engines === 'apart'
      ? { candidate: ruleSetOfDocuments(candidate), baseline: ruleSetOfDocuments(baseline) }
      : comparedRuleSets(candidate, baseline);
  const replay = new PartitionReplay(sets.candidate, sets.baseline, {}, 0);
  replay.process(events);
  const lastMs = Math.max(...events.map((event) => Date.parse(event.occurredAt)));
  const result = replay.finish(lastMs + DRAIN_MS);
  const byIdentity = (alerts: AlertV1[]) =>
    new Map(alerts.map((alert) => [alertIdentityKey(identityOf(alert)), alert]));
  return { candidate: byIdentity(result.candidateAlerts), baseline: byIdentity(result.baselineAlerts) };
}

/** What the candidate adds and loses, as the report counts it. */
function diffOf(alerts: ReturnType<typeof replay>): { added: string[]; removed: string[] } {
  return {
    added: [...alerts.candidate.keys()].filter((key) => !alerts.baseline.has(key)).sort(),
    removed: [...alerts.baseline.keys()].filter((key) => !alerts.candidate.has(key)).sort(),
  };
}

/** The alerts of some rules, as what tells two runs apart: identity, and the rules named as support. */
function alertsOf(alerts: Map<string, AlertV1>, ruleIds: readonly string[]): string[] {
  const rules = new Set(ruleIds);
  return [...alerts.values()]
    .filter((alert) => rules.has(alert.ruleId))
    .map(
      (alert) =>
        `${alertIdentityKey(identityOf(alert))} ${JSON.stringify((alert as { supportingRules?: unknown }).supportingRules ?? [])}`,
    )
    .sort();
}

/** Everything an alert says but when it was detected (the engine's wall clock). */
function contentsOf(alerts: Map<string, AlertV1>): string[] {
  return [...alerts.values()].map(({ detectedAt: _, ...alert }) => JSON.stringify(alert)).sort();
}

type Edit = { ruleIndex: number; change: 'tighten' | 'widen' | 'bump' | 'remove' | 'copy' };

const scaleDurations = (yaml: string, factor: number): string =>
  yaml.replace(
    /\b(within|window): (\d+)m\b/g,
    (_, key: string, minutes: string) => `${key}: ${Math.max(1, Math.round(Number(minutes) * factor))}m`,
  );

/** The rule set with the edits made (each edited rule's version bumped), or undefined when it is not a valid set. */
function edited(rules: readonly RuleDocument[], edits: readonly Edit[]): RuleDocument[] | undefined {
  let documents = [...rules];
  for (const { ruleIndex, change } of edits) {
    const document = documents[ruleIndex % documents.length];
    const bumped = (yaml: string): RuleDocument => ({
      ...document,
      version: 99,
      yaml: yaml.replace(/^version: \d+$/m, 'version: 99'),
    });
    if (change === 'remove') documents = documents.filter((other) => other !== document);
    else if (change === 'copy') {
      const copy = { ...(parse(document.yaml) as Record<string, unknown>), id: `${document.ruleId}_copy` };
      documents.push({ ...document, ruleId: `${document.ruleId}_copy`, yaml: stringify(copy) });
    } else {
      const yaml =
        change === 'bump' ? document.yaml : scaleDurations(document.yaml, change === 'tighten' ? 0.4 : 2);
      documents = documents.map((other) => (other === document ? bumped(yaml) : other));
    }
  }
  try {
    ruleSetOfDocuments(documents);
    return documents;
  } catch {
    return undefined; // removed a rule another supersedes, or a window no longer fits its steps
  }
}

describe(affectedRules.name, () => {
  const rules = splitRuleDocuments(readRuleSources(resolve(REPO_ROOT, 'rules')));
  const ids = rules.map((rule) => rule.ruleId);

  it('replays the rules coupled to a changed one (typology, supersedes either way) and nothing else', () => {
    const candidate = edited(rules, [
      { ruleIndex: ids.indexOf('false_prize_payment_sms'), change: 'tighten' },
    ])!;
    const affected = affectedRules(candidate, rules);
    expect(affected.changed).toEqual(['false_prize_payment_sms']);
    expect(affected.rerun).toEqual([
      'false_prize_payment_call',
      'false_prize_payment_sms',
      'prize_code_theft',
      'relative_in_trouble',
      'relative_in_trouble_repeat_call',
      'relative_in_trouble_sms',
      'stolen_card_topups',
      'stolen_card_topups_cash_out',
      'unsolicited_transfer_request',
    ]);
    expect(affected.notRerun).toEqual([
      'brand_phishing_link',
      'premium_sms_lure',
      'premium_sms_malware_burst',
      'premium_sms_malware_charges',
      'smishing_bulk_sender',
      'spyware_offer',
    ]);
    // A threshold rule's typology arbitrates its bursts: its typology's other threshold rule is replayed with it.
    const malware = edited(rules, [
      { ruleIndex: ids.indexOf('premium_sms_malware_burst'), change: 'widen' },
    ])!;
    expect(affectedRules(malware, rules).rerun).toEqual([
      'premium_sms_malware_burst',
      'premium_sms_malware_charges',
    ]);
    expect(affectedRules(rules, rules)).toEqual({
      changed: [],
      rerun: [],
      notRerun: [...ids].sort(),
      rerunTypologies: [],
    });
  });

  it('gives the same diff, and the same alerts of the re-run rules, as replaying every rule (side by side or apart)', () => {
    const events = simulatedDay();
    expect(events.length).toBeGreaterThan(5_000);
    let changedAlerts = 0;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            ruleIndex: fc.nat({ max: rules.length - 1 }),
            change: fc.constantFrom('tighten', 'widen', 'bump', 'remove', 'copy'),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        (edits) => {
          const candidate = edited(rules, edits);
          fc.pre(candidate !== undefined);
          const everything = replay(candidate!, rules, events);
          // One engine judging both sets raises, for each, exactly what an engine of that set alone raises.
          const apart = replay(candidate!, rules, events, 'apart');
          expect(contentsOf(everything.candidate)).toEqual(contentsOf(apart.candidate));
          expect(contentsOf(everything.baseline)).toEqual(contentsOf(apart.baseline));
          const affected = affectedRules(candidate!, rules);
          const part = replay(
            onlyRules(candidate!, affected.rerun),
            onlyRules(rules, affected.rerun),
            events,
          );

          expect(diffOf(part)).toEqual(diffOf(everything));
          expect(alertsOf(part.candidate, affected.rerun)).toEqual(
            alertsOf(everything.candidate, affected.rerun),
          );
          expect(alertsOf(part.baseline, affected.rerun)).toEqual(
            alertsOf(everything.baseline, affected.rerun),
          );
          // What was not re-run raises the same alerts with either set.
          expect(alertsOf(everything.candidate, affected.notRerun)).toEqual(
            alertsOf(everything.baseline, affected.notRerun),
          );
          const diff = diffOf(everything);
          changedAlerts += diff.added.length + diff.removed.length;
        },
      ),
      {
        numRuns: 12,
        seed: 24,
        examples: [
          [[{ ruleIndex: ids.indexOf('false_prize_payment_sms'), change: 'tighten' }]],
          [[{ ruleIndex: ids.indexOf('brand_phishing_link'), change: 'remove' }]],
          [[{ ruleIndex: ids.indexOf('premium_sms_malware_charges'), change: 'tighten' }]],
        ],
      },
    );
    // The edits changed alerts: the equality above compared something.
    expect(changedAlerts).toBeGreaterThan(0);
  }, 240_000);
});
