import { html, type TemplateResult } from 'lit';
import type { AlertSummary } from './api-types.mjs';
import { STAGE_LABELS, TYPOLOGY_LABELS, formatTime, label } from './labels.mjs';
import { dataTable } from './data-table.mjs';

/** A short alert list with links to each alert's evidence. */
export function alertsTableFor(alerts: AlertSummary[]): TemplateResult {
  if (alerts.length === 0) return html`<p class="empty">No alerts name this number.</p>`;
  return dataTable({
    className: 'compact',
    headings: ['Last event', 'Scam type', 'Severity', 'Stage', ''],
    rows: alerts,
    row: (alert) =>
      html`<tr>
        <td>${formatTime(alert.lastEventAt)}</td>
        <td>${label(TYPOLOGY_LABELS, alert.typology)}</td>
        <td>${alert.severity}</td>
        <td>${label(STAGE_LABELS, alert.stage)}</td>
        <td><a class="button small" href="#/alerts/${encodeURIComponent(alert.alertId)}">Evidence</a></td>
      </tr>`,
  });
}
