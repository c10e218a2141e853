import { html, nothing, type TemplateResult } from 'lit';
import { ApiError, api, query } from './api-client.mjs';
import type { PipelineHealth, RulePrecision, RuleSummary, SubscriberTimeline } from './api-types.mjs';
import { alertsTableFor } from './subscriber-alerts.mjs';
import { backtestFor, backtestPanel, loadRuleHistory, ruleHistoryPanel } from './backtest-views.mjs';
import { drawChart } from './charts.mjs';
import { isAdmin, refresh } from './console-state.mjs';
import { activityStrip } from './evidence-timeline.mjs';
import { loadSignalChecks, signalChecksPanel } from './signal-checks-view.mjs';
import type { ScamSignalChecks } from './api-types.mjs';
import {
  KIND_LABELS,
  TYPOLOGY_COLOURS,
  TYPOLOGY_LABELS,
  formatPercent,
  formatTime,
  label,
} from './labels.mjs';
import { dataTable } from './data-table.mjs';
import { RANGES, rangePicker } from './range-picker.mjs';

interface TrendData {
  rangeDays: number;
  alerts: { bucketStart: string; typology: string; alerts: number }[];
  senders: { sender: string; distinctRecipients: number; messages: number; sentUrls: boolean }[];
  precision: RulePrecision[];
}

const trends: TrendData = { rangeDays: 1, alerts: [], senders: [], precision: [] };
let trendsLoaded = false;

/** Loads chart data for the selected range, then draws. */
export async function loadTrends(): Promise<void> {
  const range = RANGES.find((entry) => entry.days === trends.rangeDays) ?? RANGES[0];
  const to = new Date(Date.now() + 60_000);
  const from = new Date(to.getTime() - range.days * 86_400_000);
  const window = { from: from.toISOString(), to: to.toISOString() };
  const [alerts, senders, precision] = await Promise.all([
    api<TrendData['alerts']>(
      `/api/charts/alerts-over-time${query({ ...window, bucketMinutes: range.bucketMinutes })}`,
    ),
    api<TrendData['senders']>(`/api/charts/bulk-senders${query({ ...window, limit: 10 })}`),
    api<RulePrecision[]>(
      `/api/charts/rule-precision${query({ from: new Date(to.getTime() - 30 * 86_400_000).toISOString(), to: window.to })}`,
    ),
  ]);
  Object.assign(trends, { alerts, senders, precision });
  trendsLoaded = true;
  refresh();
  drawTrendCharts();
}

function drawTrendCharts(): void {
  const buckets = [...new Set(trends.alerts.map((point) => point.bucketStart))].sort();
  const typologies = [...new Set(trends.alerts.map((point) => point.typology))].sort();
  drawChart('alerts-chart', {
    type: 'bar',
    data: {
      labels: buckets.map(formatTime),
      datasets: typologies.map((typology) => ({
        label: label(TYPOLOGY_LABELS, typology),
        backgroundColor: TYPOLOGY_COLOURS[typology] ?? '#888',
        maxBarThickness: 48,
        data: buckets.map((bucket) =>
          trends.alerts
            .filter((p) => p.bucketStart === bucket && p.typology === typology)
            .reduce((sum, p) => sum + p.alerts, 0),
        ),
      })),
    },
    options: {
      plugins: { legend: { position: 'bottom' } },
      scales: {
        x: { stacked: true, title: { display: true, text: 'Time bucket (start)' } },
        y: {
          stacked: true,
          beginAtZero: true,
          title: { display: true, text: 'Alerts' },
          ticks: { precision: 0 },
        },
      },
    },
  });
  drawChart('senders-chart', {
    type: 'bar',
    data: {
      labels: trends.senders.map((sender) => sender.sender),
      datasets: [
        {
          label: 'Distinct recipients',
          backgroundColor: '#2980b9',
          maxBarThickness: 18,
          data: trends.senders.map((s) => s.distinctRecipients),
        },
        {
          label: 'Messages',
          backgroundColor: '#95a5a6',
          maxBarThickness: 18,
          data: trends.senders.map((s) => s.messages),
        },
      ],
    },
    options: {
      indexAxis: 'y',
      plugins: { legend: { position: 'bottom' } },
      scales: {
        x: {
          beginAtZero: true,
          ticks: { precision: 0 },
          title: { display: true, text: 'Count in the range' },
        },
      },
    },
  });
}

/** Rule hit counts and precision (confirmed ÷ (confirmed + false positives)). */
export function precisionTable(rows: RulePrecision[]): TemplateResult {
  if (rows.length === 0)
    return html`<p class="empty" data-testid="precision-table">No rule has fired in the last 30 days.</p>`;
  return html`${dataTable({
      testId: 'precision-table',
      headings: [
        'Rule',
        'Version',
        { text: 'Alerts', numeric: true },
        { text: 'Confirmed fraud', numeric: true },
        { text: 'False positives', numeric: true },
        'Precision',
      ],
      rows: rows,
      row: (row) =>
        html`<tr data-rule-id=${row.ruleId}>
          <td class="mono">${row.ruleId}</td>
          <td>v${row.ruleVersion}</td>
          <td class="num">${row.hits}</td>
          <td class="num">${row.confirmedFraud}</td>
          <td class="num">${row.falsePositives}</td>
          <td>
            <span class="bar"
              ><span style="width:${row.precision === null ? 0 : Math.round(row.precision * 100)}%"></span
            ></span>
            <span class="precision" data-testid="precision-${row.ruleId}"
              >${formatPercent(row.precision)}</span
            >
          </td>
        </tr>`,
    })}
    <p class="hint">
      Precision counts each alert's latest verdict; “—” means no analyst has judged an alert of that rule yet.
    </p>`;
}

export function trendsView(): TemplateResult {
  if (!trendsLoaded) void loadTrends().catch(() => undefined);
  else queueMicrotask(drawTrendCharts);
  return html`<section class="panel">
      <header class="panel-head">
        <h2>Alerts by scam type over time</h2>
        ${rangePicker(trends.rangeDays, (days) => {
          trends.rangeDays = days;
          void loadTrends();
        })}
      </header>
      ${trends.alerts.length === 0 ? html`<p class="empty">No alerts in this range.</p>` : nothing}
      <div class="chart" ?hidden=${trends.alerts.length === 0}>
        <canvas id="alerts-chart" aria-label="Alerts per time bucket, stacked by scam type"></canvas>
      </div>
    </section>
    <section class="panel">
      <h2>Rule hit rates and precision (last 30 days)</h2>
      ${precisionTable(trends.precision)}
    </section>
    <section class="panel">
      <h2>Top bulk senders</h2>
      <p class="hint">
        Senders reaching the most distinct recipients in the range (a smishing signal when they send links).
      </p>
      ${trends.senders.length === 0 ? html`<p class="empty">No SMS senders in this range.</p>` : nothing}
      <div class="chart small" ?hidden=${trends.senders.length === 0}>
        <canvas id="senders-chart" aria-label="Top bulk senders"></canvas>
      </div>
    </section>`;
}

let rules: RuleSummary[] | null = null;
let draft = '';
let reason = '';
let publishMessage = '';

export async function loadRules(): Promise<void> {
  const [list, precision] = await Promise.all([
    api<RuleSummary[]>('/api/rules'),
    api<RulePrecision[]>('/api/charts/rule-precision'),
  ]);
  rules = list;
  trends.precision = precision;
  refresh();
}

async function publish(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const form = new FormData(event.target as HTMLFormElement);
  draft = String(form.get('yaml') ?? '');
  reason = String(form.get('reason') ?? '');
  // The finished back-test of exactly this text is recorded with the version.
  const backtestId = backtestFor(draft)?.id;
  try {
    const rule = await api<RuleSummary>('/api/rules', {
      method: 'POST',
      body: { yaml: draft, reason, backtestId },
    });
    publishMessage =
      `Published ${rule.ruleId} v${rule.version}${backtestId ? ' with its back-test' : ' (not back-tested)'}. ` +
      'Correlators apply it without a restart.';
    await Promise.all([loadRules(), loadRuleHistory()]);
  } catch (error) {
    publishMessage =
      error instanceof ApiError ? `Refused: ${error.message}. ${error.problems.join(' ')}` : 'Refused';
    refresh();
  }
}

function editRule(rule: RuleSummary): void {
  draft = rule.yaml.replace(/^version: \d+$/m, `version: ${rule.version + 1}`);
  publishMessage = `Editing ${rule.ruleId}: the version was raised to ${rule.version + 1}.`;
  refresh();
}

export function rulesView(): TemplateResult {
  if (!rules) {
    void loadRules().catch(() => undefined);
    return html`<section class="panel"><p class="empty">Loading rules…</p></section>`;
  }
  const precisionOf = (ruleId: string, version: number) =>
    trends.precision.find((row) => row.ruleId === ruleId && row.ruleVersion === version);
  return html`<section class="panel">
      <h2>Rules in force</h2>
      <p class="hint">
        “Published” rules come from the rules topic; “repository” rules are the files in force until a version
        is published.
      </p>
      ${dataTable({
        testId: 'rules-table',
        headings: [
          'Rule',
          'Scam type',
          'Severity',
          'Version',
          'Origin',
          { text: 'Alerts (30 d)', numeric: true },
          'Precision',
          '',
        ],
        rows: rules,
        row: (rule) => {
          const precision = precisionOf(rule.ruleId, rule.version);
          return html`<tr>
            <td>
              <span class="mono">${rule.ruleId}</span>
              <div class="small muted">${rule.description}</div>
            </td>
            <td>${label(TYPOLOGY_LABELS, rule.typology)}</td>
            <td>${rule.severity}</td>
            <td>v${rule.version}</td>
            <td>
              ${rule.origin}${rule.publishedBy ? html`<div class="small muted">by ${rule.publishedBy}, ${formatTime(rule.publishedAt ?? '')}</div>` : nothing}
            </td>
            <td class="num">${precision?.hits ?? 0}</td>
            <td>${formatPercent(precision?.precision ?? null)}</td>
            <td>
              ${isAdmin() ? html`<button class="small secondary" @click=${() => editRule(rule)}>New version…</button>` : nothing}
            </td>
          </tr>`;
        },
      })}
    </section>
    ${
      isAdmin()
        ? html`<section class="panel">
            <h2>Publish a new rule version</h2>
            <p class="hint">
              One rule in YAML. It is validated exactly as the correlator will, and its version must be above
              the one in force.
            </p>
            <form @submit=${(event: SubmitEvent) => void publish(event)}>
              <textarea
                name="yaml"
                rows="14"
                class="mono"
                .value=${draft}
                @input=${(event: Event) => (draft = (event.target as HTMLTextAreaElement).value)}
                placeholder="Pick “New version…” on a rule above, or paste a rule."
              ></textarea>
              ${backtestPanel(() => draft)}
              <label
                >Why (kept in the rule history)
                <input
                  name="reason"
                  maxlength="2000"
                  .value=${reason}
                  @input=${(event: Event) => (reason = (event.target as HTMLInputElement).value)}
              /></label>
              <button type="submit">Publish</button> <span class="hint">${publishMessage}</span>
            </form>
          </section>`
        : html`<p class="hint">Only administrators can publish rule versions.</p>`
    }
    ${ruleHistoryPanel(rules, loadRules)}`;
}

let health: PipelineHealth | null = null;
let healthTimer: ReturnType<typeof setInterval> | undefined;

async function loadHealth(): Promise<void> {
  health = await api<PipelineHealth>('/api/pipeline/health');
  refresh();
}

/** Starts or stops the pipeline page's 5 s refresh. */
export function followHealth(active: boolean): void {
  if (active && !healthTimer) {
    void loadHealth().catch(() => undefined);
    healthTimer = setInterval(() => void loadHealth().catch(() => undefined), 5_000);
  } else if (!active && healthTimer) {
    clearInterval(healthTimer);
    healthTimer = undefined;
  }
}

const rate = (value: number | null): string => (value === null ? 'measuring…' : `${value.toFixed(1)}/s`);

export function pipelineView(): TemplateResult {
  if (!health) return html`<section class="panel"><p class="empty">Measuring the pipeline…</p></section>`;
  return html`<section class="panel">
    <header class="panel-head">
      <h2>Pipeline health</h2>
      <span class="hint">Sampled ${formatTime(health.sampledAt)}, refreshes every 5 s</span>
    </header>
    ${health.kafkaReachable ? nothing : html`<p class="status bad">Kafka is unreachable: lag cannot be measured.</p>`}
    ${dataTable({
      testId: 'pipeline-table',
      headings: [
        'Service',
        'Consumer group',
        'State',
        { text: 'Instances', numeric: true },
        { text: 'Lag (records behind)', numeric: true },
        { text: 'Consumed', numeric: true },
        { text: 'Arriving', numeric: true },
      ],
      rows: health.groups,
      row: (group) =>
        html`<tr>
          <td>${group.service}</td>
          <td class="mono small">${group.groupId}</td>
          <td><span class="status ${group.state === 'Stable' ? 'ok' : 'bad'}">${group.state}</span></td>
          <td class="num">${group.members}</td>
          <td class="num ${group.lag > 1000 ? 'warn' : ''}">${group.lag.toLocaleString('en-GB')}</td>
          <td class="num">${rate(group.consumedPerSecond)}</td>
          <td class="num">${rate(group.producedPerSecond)}</td>
        </tr>`,
    })}
    <p class="hint">
      Lag is how many records wait in the service's input topics. “Stable” means the group has running
      instances; “Empty” or “Dead” means none are consuming.
    </p>
    <h3>Live feed</h3>
    <p>
      <span class="status ${health.liveFeed.connected ? 'ok' : 'bad'}"
        >${health.liveFeed.connected ? 'Connected' : 'Disconnected'}</span
      >
      to the alert
      router${health.liveFeed.lastItemAt ? html`, last alert relayed ${formatTime(health.liveFeed.lastItemAt)}` : ''}.
    </p>
  </section>`;
}

let lookup: SubscriberTimeline | null = null;
let lookupChecks: ScamSignalChecks | null = null;
let lookupError = '';

async function lookupSubscriber(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const msisdn = String(new FormData(event.target as HTMLFormElement).get('msisdn') ?? '').trim();
  try {
    lookup = await api<SubscriberTimeline>('/api/subscribers/timeline', {
      method: 'POST',
      body: { msisdn, limit: 200 },
    });
    lookupChecks = isAdmin() ? await loadSignalChecks(msisdn) : null;
    lookupError = '';
  } catch (error) {
    lookupError =
      error instanceof ApiError
        ? `${error.message}${error.problems.length ? `: ${error.problems.join('; ')}` : ''}`
        : 'lookup failed';
  }
  refresh();
}

export function subscriberView(): TemplateResult {
  return html`<section class="panel">
      <h2>Subscriber lookup</h2>
      <p class="hint">
        Type a full number (e.g. 7701 123 4567). It is hashed before the search; results show masked numbers
        only.
      </p>
      <form class="inline" @submit=${(event: SubmitEvent) => void lookupSubscriber(event)}>
        <input
          name="msisdn"
          inputmode="tel"
          autocomplete="off"
          placeholder="Subscriber number"
          required
          maxlength="32"
        />
        <button type="submit">Show timeline</button>
      </form>
      ${lookupError ? html`<p class="status bad">${lookupError}</p>` : nothing}
    </section>
    ${
      lookup
        ? html`<section class="panel">
            <h2>Timeline of <span class="mono">${lookup.subscriber}</span></h2>
            ${lookup.events.length === 0 ? html`<p class="empty">No events stored for this number.</p>` : activityStrip(lookup.events)}
            ${
              lookup.events.length
                ? dataTable({
                    className: 'compact',
                    headings: ['Time', 'Event', 'Other party', { text: 'Amount', numeric: true }, 'Details'],
                    rows: lookup.events,
                    row: (event) =>
                      html`<tr>
                        <td>${formatTime(event.occurredAt)}</td>
                        <td>${label(KIND_LABELS, event.kind)}</td>
                        <td class="mono">
                          ${event.counterparty || '—'}
                          <span class="muted small">${event.counterpartyClass}</span>
                        </td>
                        <td class="num">${event.amount ? `${event.amount} ${event.currency}` : ''}</td>
                        <td class="small">
                          ${event.kind.startsWith('call') ? `${event.answered ? 'answered' : 'not answered'}, ${event.durationSec} s` : ''}
                        </td>
                      </tr>`,
                  })
                : nothing
            }
            <h3>Alerts naming this number (30 days)</h3>
            ${alertsTableFor(lookup.alerts)}
          </section>`
        : nothing
    }
    ${lookup && lookupChecks ? signalChecksPanel(lookupChecks) : nothing}`;
}
