import { createHash } from 'node:crypto';
import type { AlertEvidenceV1, AlertLureV1, AlertStage, AlertV1, Severity, Typology } from '@vigil/contracts';
import { formatDurationMs } from '../time/duration';
import type { CompiledRule } from '../rules/rule.types';
import type { TimedEvent } from '../time/timed-event';

/** Max counterparties listed on one alert (a bulk sender may have thousands of recipients). */
export const MAX_ALERT_COUNTERPARTIES = 20;
const ALERT_ID_HEX_CHARS = 32; // 128 bits of sha256

/** What one alert is made of, before rendering. */
export interface AlertDraft {
  readonly rule: CompiledRule;
  readonly stage: AlertStage;
  readonly severity: Severity;
  readonly entity: string;
  /** Matched events in match order. */
  readonly events: readonly TimedEvent[];
  /** Step name per event (sequence rules). */
  readonly stepNames?: readonly string[];
  readonly notify?: string;
  /** Event ids the alert id hashes when not all matched events (a rule matching one_per_completing_event). */
  readonly identity?: readonly string[];
  /** Less specific rules that also matched these events; their alerts were not published (rule-specificity.ts). */
  readonly supporting?: readonly SupportingRule[];
}

/**
 * A less specific rule whose match shares events with a published alert, recorded on it instead of alerting
 * (`supportingRules`, an extra property: alert.v1 allows them).
 */
export interface SupportingRule {
  ruleId: string;
  ruleVersion: number;
  typology: Typology;
  stage: AlertStage;
}

/** sha256 (truncated, hex) of rule id, version, stage, entity and matched event ids: the same match always gets the same id. */
export function alertIdOf(
  ruleId: string,
  version: number,
  stage: AlertStage,
  entity: string,
  eventIds: readonly string[],
): string {
  const hash = createHash('sha256');
  hash.update(`${ruleId}\n${version}\n${stage}\n${entity}`);
  for (const id of eventIds) hash.update(`\n${id}`);
  return hash.digest('hex').slice(0, ALERT_ID_HEX_CHARS);
}

function counterpartiesOf(events: readonly TimedEvent[]): string[] {
  const seen: string[] = [];
  for (const event of events) {
    if (event.counterparty !== undefined && !seen.includes(event.counterparty)) seen.push(event.counterparty);
    if (seen.length === MAX_ALERT_COUNTERPARTIES) break;
  }
  return seen;
}

/** Kinds of a first step that make its counterparty the lure: who called, or who texted, the subscriber. */
const LURE_ROLES: Readonly<Record<string, AlertLureV1['role']>> = { call_in: 'caller', sms_in: 'sender' };

/**
 * The lure of a sequence match: the event of the step named `lure`, else of the first step, when it is a call or
 * an SMS from a counterparty. The networks service correlates the alerts of many subscribers on it.
 */
function lureOf(
  events: readonly TimedEvent[],
  stepNames: readonly string[] | undefined,
): AlertLureV1 | undefined {
  if (stepNames === undefined || events.length === 0) return undefined;
  const named = stepNames.indexOf('lure');
  const event = events[named >= 0 ? named : 0];
  const role = LURE_ROLES[event.kind];
  if (role === undefined || event.counterparty === undefined) return undefined;
  const lure: AlertLureV1 = { counterparty: event.counterparty, role };
  const domains = event.features.urlDomains;
  if (Array.isArray(domains) && domains.length > 0) lure.domains = domains.slice(0, 10);
  return lure;
}

/** Renders an alert.v1 message; `detectedAtMs` comes from the engine's clock (processing time). */
export function buildAlert(draft: AlertDraft, detectedAtMs: number): AlertV1 {
  const { rule, events, stepNames } = draft;
  let firstMs = Infinity;
  let lastMs = -Infinity;
  const evidence: AlertEvidenceV1[] = events.map((item, i) => {
    firstMs = Math.min(firstMs, item.timeMs);
    lastMs = Math.max(lastMs, item.timeMs);
    const entry: AlertEvidenceV1 = {
      eventId: item.eventId,
      kind: item.kind,
      occurredAt: new Date(item.timeMs).toISOString(),
    };
    const step = stepNames?.[i];
    if (step !== undefined) entry.step = step;
    return entry;
  });
  const counterparties = counterpartiesOf(events);
  const windowMs = rule.type === 'threshold' ? rule.windowMs : rule.withinMs;
  const alert: AlertV1 = {
    alertId: alertIdOf(
      rule.id,
      rule.version,
      draft.stage,
      draft.entity,
      draft.identity ?? events.map((item) => item.eventId),
    ),
    ruleId: rule.id,
    ruleVersion: rule.version,
    typology: rule.typology,
    severity: draft.severity,
    stage: draft.stage,
    entity: draft.entity,
    counterparties,
    detectedAt: new Date(detectedAtMs).toISOString(),
    firstEventAt: new Date(firstMs).toISOString(),
    lastEventAt: new Date(lastMs).toISOString(),
    evidence,
    explanation: rule.explanation.render({
      entity: draft.entity,
      counterparties,
      events,
      count: events.length,
      window: formatDurationMs(windowMs),
    }),
  };
  const lure = lureOf(events, stepNames);
  if (lure !== undefined) alert.lure = lure;
  if (draft.notify !== undefined) alert.notify = draft.notify;
  if (draft.supporting !== undefined && draft.supporting.length > 0) alert.supportingRules = draft.supporting;
  return alert;
}
