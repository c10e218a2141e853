import { html, nothing, type TemplateResult } from 'lit';
import { ApiError, api, query } from './api-client.mjs';
import type { AlertDetail, AlertSummary } from './api-types.mjs';
import { canAnalyse, refresh, state } from './console-state.mjs';
import { evidenceTimeline } from './evidence-timeline.mjs';
import {
  STAGE_LABELS,
  TYPOLOGY_COLOURS,
  TYPOLOGY_LABELS,
  VERDICT_LABELS,
  formatTime,
  label,
} from './labels.mjs';
import { dataTable } from './data-table.mjs';

export const severityChip = (severity: string): TemplateResult =>
  html`<span class="chip severity-${severity}" title="Severity">${severity}</span>`;

export const typologyChip = (typology: string): TemplateResult =>
  html`<span class="chip typology" style="border-color:${TYPOLOGY_COLOURS[typology] ?? '#888'}"
    >${label(TYPOLOGY_LABELS, typology)}</span
  >`;

/** Reloads the stored alert history shown under the live feed. */
export async function loadRecentAlerts(): Promise<void> {
  try {
    state.recent = (await api<{ items: AlertSummary[] }>(`/api/alerts${query({ pageSize: 25 })}`)).items;
  } catch (error) {
    state.message = error instanceof ApiError ? error.message : 'could not load alerts';
  }
  refresh();
}

function alertRow(alert: AlertSummary, repeats = 0): TemplateResult {
  return html`<tr data-alert-id=${alert.alertId}>
    <td>${formatTime(alert.lastEventAt)}</td>
    <td>${typologyChip(alert.typology)}</td>
    <td>${severityChip(alert.severity)}</td>
    <td>${label(STAGE_LABELS, alert.stage)}</td>
    <td class="mono">${alert.entity}</td>
    <td>
      ${repeats > 0 ? html`<span class="chip" title="Repeats folded into this alert">×${repeats + 1}</span>` : nothing}
    </td>
    <td><a href="#/alerts/${encodeURIComponent(alert.alertId)}" class="button small">Evidence</a></td>
  </tr>`;
}

function alertTable(
  alerts: AlertSummary[],
  empty: string,
  testId: string,
  repeats: Record<string, number> = {},
): TemplateResult {
  if (alerts.length === 0) return html`<p class="empty" data-testid=${testId}>${empty}</p>`;
  return dataTable({
    testId,
    headings: ['Last event', 'Scam type', 'Severity', 'Stage', 'Subscriber / sender', '', ''],
    rows: alerts,
    row: (alert) => alertRow(alert, repeats[alert.alertId] ?? 0),
  });
}

/** Home: the live feed (pushed by the server) above the stored history. */
export function liveView(): TemplateResult {
  return html`<section class="panel">
      <header class="panel-head">
        <h2>Live alerts</h2>
        <span class="status ${state.feedConnected ? 'ok' : 'bad'}" data-testid="feed-status"
          >${state.feedConnected ? '● Live feed connected' : '○ Live feed disconnected — reconnecting'}</span
        >
      </header>
      <p class="hint">
        New alerts appear here the moment the alert router publishes them (duplicates and repeats are folded).
        Numbers are masked.
      </p>
      ${alertTable(
        state.live.map((item) => item.alert),
        'No live alerts since this page was opened. They will appear here as they are raised.',
        'live-alerts',
        state.repeats,
      )}
    </section>
    <section class="panel">
      <header class="panel-head">
        <h2>Recent alerts (last 7 days)</h2>
        <button class="small" @click=${() => void loadRecentAlerts()}>Reload</button>
      </header>
      ${alertTable(state.recent, 'No alerts stored in the last 7 days.', 'recent-alerts')}
    </section>`;
}

/** Loads one alert; while the analytics store has not written it yet, shows the live copy and retries. */
export async function loadAlert(alertId: string): Promise<void> {
  const live = state.live.find((item) => item.alert.alertId === alertId);
  try {
    state.detail = await api<AlertDetail>(`/api/alerts/${encodeURIComponent(alertId)}`);
    state.detailSource = 'store';
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    state.detail = live ? { ...live.alert, feedback: [] } : null;
    state.detailSource = live ? 'live' : null;
    setTimeout(() => {
      if (state.route[0] === 'alerts' && state.route[1] === alertId && state.detailSource !== 'store')
        void loadAlert(alertId);
    }, 2_000);
  }
  refresh();
}

async function submitFeedback(event: SubmitEvent, alertId: string): Promise<void> {
  event.preventDefault();
  const form = new FormData(event.target as HTMLFormElement);
  try {
    await api(`/api/alerts/${encodeURIComponent(alertId)}/feedback`, {
      method: 'POST',
      body: { verdict: form.get('verdict'), note: String(form.get('note') ?? '') },
    });
    state.message = 'Verdict recorded. Rule precision now counts it.';
    await loadAlert(alertId);
  } catch (error) {
    state.message = error instanceof ApiError ? `Not recorded: ${error.message}` : 'Not recorded';
    refresh();
  }
}

let revealed: { alertId: string; entity: string; counterparties: string[] } | null = null;

async function reveal(alertId: string): Promise<void> {
  try {
    revealed = await api(`/api/alerts/${encodeURIComponent(alertId)}/reveal`, { method: 'POST' });
  } catch (error) {
    state.message = error instanceof ApiError ? error.message : 'reveal failed';
  }
  refresh();
}

function feedbackPanel(alert: AlertDetail): TemplateResult {
  const history = alert.feedback.length
    ? html`<ul class="feedback" data-testid="feedback-history">
        ${alert.feedback.map((entry) => html`<li><strong>${label(VERDICT_LABELS, entry.verdict)}</strong> by ${entry.analyst}, ${formatTime(entry.at)}${entry.note ? html` — “${entry.note}”` : nothing}</li>`)}
      </ul>`
    : html`<p class="empty">No analyst verdict yet.</p>`;
  if (!canAnalyse())
    return html`${history}
      <p class="hint">Your role (viewer) can read verdicts but not record them.</p>`;
  if (state.detailSource === 'backtest')
    return html`<p class="hint">
      Raised only by the back-test: the live correlator did not raise it, so no verdict can be given.
    </p>`;
  if (state.detailSource !== 'store')
    return html`${history}
      <p class="hint">Waiting for the analytics store to record this alert before verdicts can be given…</p>`;
  return html`${history}
    <form
      class="verdict"
      @submit=${(event: SubmitEvent) => void submitFeedback(event, alert.alertId)}
      data-testid="feedback-form"
    >
      <fieldset>
        <legend>Your verdict (feeds the rule’s precision)</legend>
        <label><input type="radio" name="verdict" value="confirmed_fraud" required /> Confirmed fraud</label>
        <label><input type="radio" name="verdict" value="false_positive" /> False positive</label>
      </fieldset>
      <label
        >Note (optional, numbers are masked when stored)<textarea
          name="note"
          maxlength="2000"
          rows="2"
        ></textarea>
      </label>
      <button type="submit">Record verdict</button>
    </form>`;
}

/** One alert: summary, the matched sequence as a picture, evidence table, verdicts. */
export function alertDetailView(): TemplateResult {
  const alert = state.detail;
  if (!alert)
    return html`<section class="panel">
      <p class="empty">
        Loading the alert… (an alert raised seconds ago may take a moment to reach the analytics store)
      </p>
    </section>`;
  const shown = revealed?.alertId === alert.alertId ? revealed : null;
  return html`<section class="panel" data-testid="alert-detail">
    <header class="panel-head">
      <h2>${label(TYPOLOGY_LABELS, alert.typology)} ${severityChip(alert.severity)}</h2>
      <a href="#/live" class="button small secondary">← Back to alerts</a>
    </header>
    <dl class="facts">
      <dt>Stage</dt>
      <dd>${label(STAGE_LABELS, alert.stage)}</dd>
      <dt>Rule</dt>
      <dd class="mono">${alert.ruleId} v${alert.ruleVersion}</dd>
      <dt>${alert.entityType === 'msisdn' ? 'Subscriber' : alert.entityType}</dt>
      <dd class="mono">
        ${shown ? shown.entity : alert.entity}
        ${canAnalyse() && !shown && state.detailSource !== 'backtest' ? html`<button class="small secondary" @click=${() => void reveal(alert.alertId)} title="Shows the full number; the reveal is audited">Reveal full number</button>` : nothing}
      </dd>
      <dt>Other parties</dt>
      <dd class="mono">${(shown ? shown.counterparties : alert.counterparties).join(', ') || '—'}</dd>
      <dt>Detected</dt>
      <dd>${formatTime(alert.detectedAt)}</dd>
      <dt>Alert id</dt>
      <dd class="mono small">${alert.alertId}</dd>
    </dl>
    <p class="explanation">${alert.explanation}</p>
    ${state.detailSource === 'live' ? html`<p class="hint">Shown from the live feed; the stored copy is on its way.</p>` : nothing}
    ${state.detailSource === 'backtest' ? html`<p class="hint" data-testid="backtest-alert">A back-test alert: what the candidate rule would have raised on stored history.</p>` : nothing}
    <h3>Evidence timeline</h3>
    ${evidenceTimeline(alert.evidence, TYPOLOGY_COLOURS[alert.typology] ?? '#555')}
    ${dataTable({
      className: 'compact',
      headings: ['#', 'Step', 'Event', 'Time', 'Event id'],
      rows: [...alert.evidence].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt)),
      row: (item, index) =>
        html`<tr>
          <td>${index + 1}</td>
          <td>${item.step}</td>
          <td>${item.kind}</td>
          <td>${formatTime(item.occurredAt)}</td>
          <td class="mono small">${item.eventId}</td>
        </tr>`,
    })}
    <h3>Analyst verdict</h3>
    ${feedbackPanel(alert)}
  </section>`;
}
