import type { SqlExecutor } from '@vigil/clickhouse';
import { analyticsTables as t } from '@vigil/analytics';
import { ENTITY_EVENT_KINDS } from '@vigil/contracts';

/** How much synthetic dashboard data to generate, spread evenly over `days` from `startMs`. */
export interface DashboardDatasetSize {
  events: number;
  alerts: number;
  startMs: number;
  days: number;
}

/**
 * Fills entity events, alerts and feedback inside ClickHouse (INSERT … SELECT FROM numbers(), seconds for 10M rows),
 * so the dashboard and console benchmarks query the same data shape. `db` is a quoted database name.
 */
export async function loadDashboardDataset(
  executor: SqlExecutor,
  db: string,
  size: DashboardDatasetSize,
): Promise<void> {
  const kinds = `[${ENTITY_EVENT_KINDS.map((kind) => `'${kind}'`).join(', ')}]`;
  const startS = size.startMs / 1000;
  const spanS = size.days * 86_400;
  await executor.command(
    `INSERT INTO ${db}.${t.entityEvents} (event_id, source_event_id, source_topic, entity_type, entity_key,
      entity_display, kind, occurred_at, ingested_at, counterparty_key, counterparty_display, counterparty_class,
      amount, currency, channel, answered, duration_sec, has_url, features_json)
    SELECT concat('e', toString(number), ':', k) AS event_id, concat('e', toString(number)),
      'telco.sms.v1', if(k = 'sms_sent', 'sender', 'msisdn'),
      lower(hex(sipHash128(if(k = 'sms_sent', concat('s', toString(number % 20000)), concat('m', toString(number % 1000000)))))),
      concat('***', toString(10 + number % 90)), k,
      toDateTime(${startS} + intDiv(number * ${spanS}, ${size.events})) AS t0, t0,
      lower(hex(sipHash128(concat('c', toString(number % 3000000))))), concat('***', toString(10 + number % 90)),
      'home_msisdn', if(number % 4 = 0, 1000., 0.), if(number % 4 = 0, 'KZT', ''), '', number % 2, number % 300,
      number % 3 = 0, '{"hasUrl":false}'
    FROM (SELECT number, arrayElement(${kinds}, (number % 11) + 1) AS k FROM numbers(${size.events}))`,
  );
  await executor.command(
    `INSERT INTO ${db}.${t.alerts} (alert_id, rule_id, rule_version, typology, severity, stage, entity_type,
      entity_key, entity_display, counterparty_keys, counterparty_displays, detected_at, first_event_at,
      last_event_at, evidence_event_ids, evidence_kinds, evidence_occurred_at, evidence_steps, explanation, score)
    SELECT concat('a', toString(number)), concat('rule-', toString(number % 20)), 1 + number % 2,
      arrayElement(['prize_code_theft', 'false_prize_payment', 'relative_in_trouble', 'premium_sms_lure',
        'premium_sms_malware', 'smishing_bulk_sender', 'brand_phishing_link', 'spyware_offer',
        'stolen_card_topups', 'unsolicited_transfer_request'], (number % 10) + 1),
      arrayElement(['low', 'medium', 'high', 'critical'], (number % 4) + 1),
      if(number % 3 = 0, 'early_warning', 'confirmed'), 'msisdn',
      lower(hex(sipHash128(concat('m', toString(number % 1000000))))), '***00',
      [lower(hex(sipHash128(concat('c', toString(number)))))], ['***00'],
      toDateTime(${startS} + intDiv(number * ${spanS}, ${size.alerts}) + 5) AS le, le - 600, le,
      ['x:call_in', 'y:transfer_out'], ['call_in', 'transfer_out'], [le - 600, le], ['lure', 'loss'],
      'Synthetic alert.', 0.9
    FROM numbers(${size.alerts})`,
  );
  await executor.command(
    `INSERT INTO ${db}.${t.alertFeedback} (alert_id, verdict, note, analyst, at, rule_id, rule_version, typology, alert_day)
    SELECT alert_id, if(sipHash64(alert_id) % 4 = 0, 'false_positive', 'confirmed_fraud'), '', 'bench',
      last_event_at + 3600, rule_id, rule_version, typology, toDate(last_event_at)
    FROM ${db}.${t.alerts} WHERE sipHash64(alert_id) % 10 = 0`,
  );
}
