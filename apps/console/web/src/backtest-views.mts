import { html, nothing, type TemplateResult } from 'lit';
import { ApiError, api } from './api-client.mjs';
import type {
  AlertDetail,
  BacktestChangedAlert,
  BacktestJob,
  RuleHistoryEntry,
  RuleSummary,
} from './api-types.mjs';
import { drawChart } from './charts.mjs';
import { isAdmin, refresh } from './console-state.mjs';
import {
  STAGE_LABELS,
  TYPOLOGY_COLOURS,
  TYPOLOGY_LABELS,
  formatPercent,
  formatTime,
  label,
} from './labels.mjs';
import { dataTable } from './data-table.mjs';

const DAY_MS = 86_400_000;
const POLL_MS = 500;

/** `datetime-local` text (local time, minutes) of an instant. */
function localInput(ms: number): string {
  const date = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return date.toISOString().slice(0, 16);
}

const backtest = {
  from: localInput(Date.now() - 7 * DAY_MS),
  to: localInput(Date.now() + 60_000),
  job: null as BacktestJob | null,
  message: '',
};
let history: RuleHistoryEntry[] | null = null;

/** The rule history, newest first in the view. */
export async function loadRuleHistory(): Promise<void> {
  history = await api<RuleHistoryEntry[]>('/api/rules/history');
  refresh();
}

async function poll(id: string): Promise<void> {
  backtest.job = await api<BacktestJob>(`/api/rules/backtests/${encodeURIComponent(id)}`);
  refresh();
  if (backtest.job.state === 'running') setTimeout(() => void poll(id).catch(() => undefined), POLL_MS);
  else if (backtest.job.state === 'done') drawBacktestChart();
}

/** Starts a back-test of `yaml` over the chosen range and follows it until it is done. */
export async function runBacktest(yaml: string): Promise<void> {
  try {
    backtest.message = '';
    backtest.job = await api<BacktestJob>('/api/rules/backtests', {
      method: 'POST',
      body: {
        yaml,
        from: new Date(backtest.from).toISOString(),
        to: new Date(backtest.to).toISOString(),
      },
    });
    refresh();
    await poll(backtest.job.id);
  } catch (error) {
    backtest.message =
      error instanceof ApiError ? `Refused: ${error.message}. ${error.problems.join(' ')}` : 'Refused';
    refresh();
  }
}

/** The finished back-test of exactly this YAML, if any: publishing cites it. */
export function backtestFor(yaml: string): BacktestJob | null {
  const job = backtest.job;
  return job?.state === 'done' && job.candidate.yaml.trim() === yaml.trim() ? job : null;
}

/** A changed alert of the last back-test as the alert view shows alerts (by its id), if it is one. */
export function backtestAlertDetail(alertId: string): AlertDetail | undefined {
  const changed = backtest.job?.report?.changedAlerts.find((item) => item.alert.alertId === alertId);
  if (changed === undefined) return undefined;
  const { alert } = changed;
  return {
    ...alert,
    entityType: alert.entity.slice(0, alert.entity.indexOf(':')),
    entity: changed.entityDisplay ?? alert.entity.slice(0, alert.entity.indexOf(':')),
    counterparties: [],
    score: alert.score ?? 0,
    evidence: alert.evidence.map((item) => ({ ...item, step: item.step ?? '' })),
    feedback: [],
  };
}

function drawBacktestChart(): void {
  const report = backtest.job?.report;
  if (!report) return;
  const days = [...new Set(report.byTypologyDay.map((row) => row.day))].sort();
  const typologies = [...new Set(report.byTypologyDay.map((row) => row.typology))].sort();
  const series = (change: 'added' | 'removed') =>
    typologies.map((typology) => ({
      label: `${change === 'added' ? '+' : '−'} ${label(TYPOLOGY_LABELS, typology)}`,
      stack: change,
      backgroundColor: `${TYPOLOGY_COLOURS[typology] ?? '#555'}${change === 'added' ? '' : '66'}`,
      data: days.map(
        (day) =>
          report.byTypologyDay.find((row) => row.day === day && row.typology === typology)?.[change] ?? 0,
      ),
    }));
  // After lit has put the canvas in the page.
  setTimeout(() =>
    drawChart('backtest-chart', {
      type: 'bar',
      data: { labels: days, datasets: [...series('added'), ...series('removed')] },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
    }),
  );
}

function changedAlertRow(changed: BacktestChangedAlert): TemplateResult {
  const { alert } = changed;
  // A stored alert opens with its verdicts; an alert only the candidate raises opens from the back-test itself.
  const href = `#/alerts/${encodeURIComponent(changed.storedAlertId ?? alert.alertId)}`;
  return html`<tr data-testid="changed-alert" data-change=${changed.change}>
    <td>${changed.change === 'added' ? '+ would raise' : '− would no longer raise'}</td>
    <td><a href=${href}>${label(TYPOLOGY_LABELS, alert.typology)}</a></td>
    <td class="mono">${alert.ruleId} v${alert.ruleVersion}</td>
    <td>${label(STAGE_LABELS, alert.stage)}</td>
    <td class="mono">${changed.entityDisplay ?? '—'}</td>
    <td>${formatTime(alert.lastEventAt)}</td>
    <td>
      ${changed.verdict ? label({ confirmed_fraud: 'Confirmed fraud', false_positive: 'False positive' }, changed.verdict) : '—'}
    </td>
  </tr>`;
}

function reportView(job: BacktestJob): TemplateResult {
  const report = job.report!;
  const { totals, verdicts } = report;
  return html`<div data-testid="backtest-report">
    <p data-testid="backtest-totals">
      <strong>${totals.added}</strong> alerts added, <strong>${totals.removed}</strong> removed,
      <strong>${totals.common}</strong> in common (candidate ${totals.candidate}, in force ${totals.baseline})
      over ${report.events.inRange} stored events.
    </p>
    <p class="hint" data-testid="backtest-rerun">
      Re-ran ${report.rerun.rules.length} of ${report.rerun.rules.length + report.rerun.notRerun.length} rules
      (${report.rerun.typologies.map((typology) => label(TYPOLOGY_LABELS, typology)).join(', ') || 'none'}):
      those coupled to the edit. The other ${report.rerun.notRerun.length} are unchanged and share no scam
      type or precedence with it, so they raise the same alerts either way; their alerts are not counted here.
    </p>
    <p class="hint">${report.contactMemory.note}.</p>
    <p>
      Verdicts on overlapping alerts — removed: ${verdicts.removed.confirmedFraud} confirmed fraud,
      ${verdicts.removed.falsePositive} false positive; added: ${verdicts.added.confirmedFraud} confirmed
      fraud, ${verdicts.added.falsePositive} false positive. Implied precision: in force
      ${formatPercent(verdicts.precision.baseline)}, candidate ${formatPercent(verdicts.precision.candidate)}.
    </p>
    <div class="chart small" ?hidden=${report.byTypologyDay.length === 0}>
      <canvas id="backtest-chart" aria-label="Alerts added and removed by scam type and day"></canvas>
    </div>
    ${
      report.changedAlerts.length === 0
        ? html`<p class="empty">No alert would change.</p>`
        : dataTable({
            className: 'compact',
            testId: 'changed-alerts',
            headings: ['Change', 'Scam type', 'Rule', 'Stage', 'Subscriber', 'Last event', 'Verdict'],
            rows: report.changedAlerts,
            row: changedAlertRow,
          })
    }
  </div>`;
}

/** One end of the back-test's range, as local date and time. */
function rangeEndInput(text: string, end: 'from' | 'to'): TemplateResult {
  return html`<label
    >${text}
    <input
      type="datetime-local"
      name=${end}
      .value=${backtest[end]}
      @change=${(event: Event) => (backtest[end] = (event.target as HTMLInputElement).value)}
  /></label>`;
}

/** Range, run button, progress and the diff of the last back-test. */
export function backtestPanel(yaml: () => string): TemplateResult {
  const job = backtest.job;
  return html`<fieldset class="backtest" data-testid="backtest-panel">
    <legend>Back-test against the rules in force</legend>
    ${rangeEndInput('From', 'from')} ${rangeEndInput('To', 'to')}
    <button
      type="button"
      class="secondary"
      ?disabled=${job?.state === 'running'}
      @click=${() => void runBacktest(yaml())}
    >
      Back-test
    </button>
    ${
      job?.state === 'running'
        ? html`<progress
              max="1"
              .value=${job.progress.fraction}
              data-testid="backtest-progress"
              aria-label="Back-test progress"
            ></progress>
            <span class="hint"
              >${job.progress.phase === 'warmup' ? 'warming contact memory' : 'replaying'}
              ${job.progress.eventsRead} events</span
            >`
        : nothing
    }
    ${job?.state === 'failed' ? html`<p class="status bad">Back-test failed: ${job.error}</p>` : nothing}
    ${backtest.message ? html`<p class="status bad">${backtest.message}</p>` : nothing}
    ${job?.state === 'done' ? reportView(job) : nothing}
  </fieldset>`;
}

async function restore(entry: RuleHistoryEntry, reload: () => Promise<void>): Promise<void> {
  try {
    await api<RuleSummary>('/api/rules/history/restore', {
      method: 'POST',
      body: { ruleId: entry.ruleId, version: entry.version, reason: `restored from the console` },
    });
    await Promise.all([reload(), loadRuleHistory()]);
  } catch (error) {
    backtest.message = error instanceof ApiError ? `Restore refused: ${error.message}` : 'Restore refused';
    refresh();
  }
}

/** Every version published, withdrawn or restored, with who, when, why and its back-test. */
export function ruleHistoryPanel(inForce: RuleSummary[], reload: () => Promise<void>): TemplateResult {
  if (!history) {
    void loadRuleHistory().catch(() => undefined);
    return html`<section class="panel"><p class="empty">Loading the rule history…</p></section>`;
  }
  const current = new Map(inForce.map((rule) => [rule.ruleId, rule.version]));
  return html`<section class="panel">
    <h2>Rule history</h2>
    ${
      history.length === 0
        ? html`<p class="empty">No version has been published yet.</p>`
        : dataTable({
            className: 'compact',
            testId: 'rule-history',
            headings: ['When', 'Change', 'Rule', 'By', 'Why', 'Back-test', ''],
            rows: [...history].reverse(),
            row: (entry) =>
              html`<tr>
                <td>${formatTime(entry.at)}</td>
                <td>${entry.action}</td>
                <td class="mono">${entry.ruleId} v${entry.version}</td>
                <td>${entry.actor}</td>
                <td>${entry.reason || '—'}</td>
                <td>
                  ${
                    entry.backtest
                      ? html`by ${entry.backtest.by}, ${formatTime(entry.backtest.from)} –
                        ${formatTime(entry.backtest.to)}: +${entry.backtest.added} −${entry.backtest.removed}
                        =${entry.backtest.common}`
                      : '—'
                  }
                </td>
                <td>
                  ${
                    isAdmin() && entry.action !== 'withdrawn' && current.get(entry.ruleId) !== entry.version
                      ? html`<button class="small secondary" @click=${() => void restore(entry, reload)}>
                          Restore
                        </button>`
                      : nothing
                  }
                </td>
              </tr>`,
          })
    }
  </section>`;
}
