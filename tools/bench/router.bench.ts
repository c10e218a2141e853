// Alert-router benchmark: contract-valid alert bytes through the pure routing pipeline on one core — deserialize
// and validate, dedup, suppression, webhook selection, notification planning and rendering, then the encoding the
// app does before producing (notification contract, outbox records, state changelog). No Kafka, no I/O.
import { join } from 'node:path';
import {
  SEVERITIES,
  alertV1,
  fixedClock,
  notificationV1,
  type AlertStage,
  type AlertV1,
  type Typology,
} from '@vigil/contracts';
import {
  AlertRouter,
  RouterState,
  SubscriberPreferenceTable,
  encodeStateEntry,
  encodeWebhookDelivery,
  loadRoutingConfig,
} from '@vigil/alert-routing';

const CONFIG_DIR = join(__dirname, '../../config/alert-router');
const ALERTS_PER_PASS = 100_000;
const SUBSCRIBERS = 20_000;
const DUPLICATE_EVERY = 20; // 5 % replays of an earlier alertId
const WARMUP_MS = 1_000; // 1 s
const MEASURE_MS = 5_000; // 5 s
const BASE_MS = Date.parse('2025-06-01T12:00:00Z');
const TYPOLOGIES: readonly Typology[] = [
  'prize_code_theft',
  'relative_in_trouble',
  'premium_sms_lure',
  'premium_sms_malware',
  'brand_phishing_link',
  'smishing_bulk_sender',
  'stolen_card_topups',
];

function entityOf(i: number, typology: Typology): string {
  if (typology === 'smishing_bulk_sender') return `sender:BULK${i % 300}`;
  if (typology === 'stolen_card_topups') return `card:tok_${i % 2_000}`;
  return `msisdn:7701${String(1_000_000 + (i % SUBSCRIBERS)).padStart(7, '0')}`;
}

function makeAlertBytes(): Buffer[] {
  const alerts: Buffer[] = [];
  for (let i = 0; i < ALERTS_PER_PASS; i++) {
    const n = i % DUPLICATE_EVERY === 0 && i > 0 ? i - 7 : i;
    const typology = TYPOLOGIES[n % TYPOLOGIES.length];
    const stage: AlertStage = n % 3 === 0 ? 'confirmed' : 'early_warning';
    const at = new Date(BASE_MS + n * 50).toISOString(); // 20 alerts/s of alert time: cool-downs do fold repeats
    const alert: AlertV1 = {
      alertId: `alert-${n}`,
      ruleId: `${typology}-rule`,
      ruleVersion: 1,
      typology,
      severity: SEVERITIES[n % SEVERITIES.length],
      stage,
      entity: entityOf(n, typology),
      counterparties: ['77759876543'],
      detectedAt: at,
      firstEventAt: at,
      lastEventAt: at,
      evidence: [{ eventId: `ev-${n}`, kind: 'sms', occurredAt: at, step: 'lure' }],
      explanation: 'A prize lure SMS followed by a call from the same number within 10 minutes.',
      score: 0.9,
    };
    alerts.push(Buffer.from(JSON.stringify(alert)));
  }
  return alerts;
}

/** Runs the benchmark (about 6 s) and returns alerts routed per second on this core. */
export function benchRouterInProcess(): { alertsPerSec: number; outcomes: Record<string, number> } {
  const loaded = loadRoutingConfig(CONFIG_DIR);
  const config = {
    ...loaded.config,
    webhooks: [
      { id: 'soc', url: 'http://127.0.0.1:1/soc', minSeverity: 'high' as const, typologies: [] },
      {
        id: 'relatives',
        url: 'http://127.0.0.1:1/rel',
        minSeverity: 'low' as const,
        typologies: ['relative_in_trouble' as const],
      },
    ],
  };
  const preferences = new SubscriberPreferenceTable();
  for (let i = 0; i < SUBSCRIBERS; i += 3) {
    preferences.apply(
      `7701${String(1_000_000 + i).padStart(7, '0')}`,
      `{"language":"${['kk', 'ru', 'en'][i % 3]}"}`,
    );
  }
  const router = new AlertRouter({
    config,
    templates: loaded.templates,
    preferences,
    dedupRetentionMs: 7 * 86_400_000,
    clock: fixedClock(BASE_MS),
  });
  const alerts = makeAlertBytes();
  const outcomes: Record<string, number> = {};
  let sink = 0;

  const run = (durationMs: number): { routed: number; elapsedMs: number } => {
    const start = performance.now();
    let routed = 0;
    while (performance.now() - start < durationMs) {
      const state = new RouterState(); // a fresh partition per pass, else every id would be a duplicate
      for (let offset = 0; offset < alerts.length; offset += 500) {
        for (const bytes of alerts.slice(offset, offset + 500)) {
          const decision = router.route(alertV1.deserialize(bytes), state);
          outcomes[decision.outcome] = (outcomes[decision.outcome] ?? 0) + 1;
          if (decision.outcome !== 'routed') continue;
          if (decision.notification.kind === 'notify')
            sink += notificationV1.serialize(decision.notification.notification).length;
          for (const delivery of decision.deliveries) sink += encodeWebhookDelivery(delivery).length;
        }
        for (const change of state.pendingChanges()) sink += encodeStateEntry(change.entry).length;
        state.checkpoint(); // one checkpoint per 500-alert batch, as the app does per fetched batch
      }
      routed += alerts.length;
    }
    return { routed, elapsedMs: performance.now() - start };
  };

  run(WARMUP_MS);
  for (const key of Object.keys(outcomes)) delete outcomes[key];
  const measured = run(MEASURE_MS);
  if (sink === 0) throw new Error('nothing encoded');
  return { alertsPerSec: Math.round((measured.routed * 1000) / measured.elapsedMs), outcomes };
}

if (require.main === module) {
  const result = benchRouterInProcess();
  const total = Object.values(result.outcomes).reduce((sum, n) => sum + n, 0);
  const shares = Object.entries(result.outcomes).map(
    ([outcome, n]) => `${outcome} ${((100 * n) / total).toFixed(1)}%`,
  );
  console.log(
    `router in-process: ${result.alertsPerSec.toLocaleString('en')} alerts/s on one core (${shares.join(', ')})`,
  );
  console.log(`BENCH router ${JSON.stringify({ alertsPerSec: result.alertsPerSec })}`);
}
