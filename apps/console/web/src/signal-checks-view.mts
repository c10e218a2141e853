import { html, type TemplateResult } from 'lit';
import { api } from './api-client.mjs';
import type { ScamSignalChecks } from './api-types.mjs';
import { TYPOLOGY_LABELS, formatTime, label } from './labels.mjs';
import { dataTable } from './data-table.mjs';

/** The partners' scam-signal checks about a subscriber (admins only; the API refuses others). */
export function loadSignalChecks(msisdn: string): Promise<ScamSignalChecks> {
  return api<ScamSignalChecks>('/api/subscribers/signal-checks', {
    method: 'POST',
    body: { msisdn, limit: 200 },
  });
}

/** Who asked about the subscriber, for which purpose, and what they were told. */
export function signalChecksPanel(checks: ScamSignalChecks): TemplateResult {
  return html`<section class="panel" data-testid="signal-checks">
    <h2>Scam-signal checks about <span class="mono">${checks.subscriber}</span></h2>
    <p class="hint">
      Every check a partner or the transfer service made, from the audit trail (newest first).
    </p>
    ${
      checks.checks.length === 0
        ? html`<p class="empty">No partner has asked about this number.</p>`
        : dataTable({
            className: 'compact',
            headings: ['Time', 'Client', 'Purpose', 'Answer', 'Patterns told'],
            rows: checks.checks,
            row: (check) =>
              html`<tr>
                <td>${formatTime(check.checkedAt)}</td>
                <td class="mono">${check.clientId}</td>
                <td class="small">${check.purpose}</td>
                <td>
                  <span class="status ${check.status === 200 && check.outcome !== 'none' ? 'warn' : 'ok'}"
                    >${check.outcome}</span
                  >
                </td>
                <td class="small">
                  ${
                    check.openPatterns.length === 0
                      ? '—'
                      : check.openPatterns.map(
                          (pattern) => html`${label(TYPOLOGY_LABELS, pattern.typology)} (${pattern.stage}) `,
                        )
                  }
                </td>
              </tr>`,
          })
    }
  </section>`;
}
