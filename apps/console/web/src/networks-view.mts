import { html, nothing, type TemplateResult } from 'lit';
import { ApiError, api, query } from './api-client.mjs';
import type {
  BlocklistDecision,
  BlocklistProposal,
  NetworkGraph,
  NetworkNumber,
  VictimsPerNumberPerDay,
} from './api-types.mjs';
import { drawChart } from './charts.mjs';
import { dataTable } from './data-table.mjs';
import { rangePicker } from './range-picker.mjs';
import { canAnalyse, refresh, state } from './console-state.mjs';
import { formatTime } from './labels.mjs';
import { drawNetworkGraph } from './network-graph.mjs';

interface NetworksData {
  rangeDays: number;
  loaded: boolean;
  top: NetworkNumber[];
  graph: NetworkGraph;
  perDay: VictimsPerNumberPerDay[];
  proposals: BlocklistProposal[];
  decisions: BlocklistDecision[];
  /** Proposal ids with a decision request in flight. */
  deciding: Set<string>;
}

const networks: NetworksData = {
  rangeDays: 7,
  loaded: false,
  top: [],
  graph: { numbers: [], edges: [] },
  perDay: [],
  proposals: [],
  decisions: [],
  deciding: new Set(),
};
let drawnGraph: NetworkGraph | undefined;

/** Loads the Networks page: busiest numbers, their graph, victims per day, proposals and the decision trail. */
export async function loadNetworks(): Promise<void> {
  const to = new Date(Date.now() + 60_000);
  const from = new Date(to.getTime() - networks.rangeDays * 86_400_000);
  const window = { from: from.toISOString(), to: to.toISOString() };
  const [top, graph, perDay, proposals, decisions] = await Promise.all([
    api<NetworkNumber[]>(`/api/networks/top-numbers${query({ ...window, limit: 20 })}`),
    api<NetworkGraph>(`/api/networks/graph${query({ ...window, numbers: 10 })}`),
    api<VictimsPerNumberPerDay[]>(`/api/networks/victims-per-day${query(window)}`),
    api<BlocklistProposal[]>('/api/networks/proposals'),
    api<BlocklistDecision[]>('/api/networks/decisions'),
  ]);
  Object.assign(networks, { top, graph, perDay, proposals, decisions, loaded: true });
  refresh();
  drawNetworkCharts();
}

function drawNetworkCharts(): void {
  if (drawnGraph !== networks.graph || !document.querySelector('#network-graph canvas'))
    drawNetworkGraph('network-graph', networks.graph, (alertId) => {
      location.hash = `#/alerts/${encodeURIComponent(alertId)}`;
    });
  drawnGraph = networks.graph;
  const days = [...new Set(networks.perDay.map((point) => point.day))].sort();
  const numbers = networks.top.slice(0, 8);
  drawChart('victims-per-day-chart', {
    type: 'bar',
    data: {
      labels: days,
      datasets: numbers.map((number, index) => ({
        label: `${number.number} (${number.role})`,
        backgroundColor: [
          '#c0392b',
          '#8e44ad',
          '#d35400',
          '#2980b9',
          '#16a085',
          '#2c3e50',
          '#b7950b',
          '#7f8c8d',
        ][index],
        maxBarThickness: 40,
        data: days.map(
          (day) =>
            networks.perDay.find((point) => point.day === day && point.numberKey === number.numberKey)
              ?.victims ?? 0,
        ),
      })),
    },
    options: {
      plugins: { legend: { position: 'bottom' } },
      scales: {
        x: { title: { display: true, text: 'Day (UTC)' } },
        y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'Victims' } },
      },
    },
  });
}

async function decide(proposal: BlocklistProposal, decision: 'approve' | 'reject', form: HTMLFormElement) {
  const reason = String(new FormData(form).get('reason') ?? '').trim();
  if (reason.length < 3) {
    state.message = 'Give a reason (at least 3 characters): it goes into the audit trail.';
    return refresh();
  }
  networks.deciding.add(proposal.proposalId);
  refresh();
  try {
    const answer = await api<{ proposal: BlocklistProposal; emitted: boolean }>(
      `/api/networks/proposals/${encodeURIComponent(proposal.proposalId)}/${decision}`,
      { method: 'POST', body: { reason } },
    );
    state.message =
      answer.proposal.status === 'approved'
        ? `Approved ${answer.proposal.number}: on the block list until ${formatTime(answer.proposal.expiresAt ?? '')}.`
        : `Rejected ${answer.proposal.number}: nothing is blocked.`;
  } catch (error) {
    state.message =
      error instanceof ApiError && error.status === 403
        ? 'Your role cannot decide block-list proposals.'
        : `Not recorded: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    networks.deciding.delete(proposal.proposalId);
  }
  await loadNetworks().catch(() => refresh());
}

function topNumbersTable(): TemplateResult {
  if (networks.top.length === 0)
    return html`<p class="empty" data-testid="network-top-numbers">No scam networks found in this range.</p>`;
  return dataTable({
    testId: 'network-top-numbers',
    headings: [
      'Number',
      'Role',
      'Campaign',
      { text: 'Victims', numeric: true },
      'First seen',
      'Last seen',
      { text: 'Score', numeric: true },
    ],
    rows: networks.top,
    row: (number) =>
      html`<tr data-number-key=${number.numberKey}>
        <td class="mono">${number.number}</td>
        <td>${number.role}</td>
        <td class="mono">${number.campaignId}</td>
        <td class="num">${number.victims}</td>
        <td>${formatTime(number.firstSeenAt)}</td>
        <td>${formatTime(number.lastSeenAt)}</td>
        <td class="num">${number.score.toFixed(2)}</td>
      </tr>`,
  });
}

function decisionCell(proposal: BlocklistProposal): TemplateResult {
  if (proposal.status !== 'pending')
    return html`<span class="chip">${proposal.status}</span> by ${proposal.decidedBy}
      ${proposal.expiresAt ? html`<br /><small>until ${formatTime(proposal.expiresAt)}</small>` : nothing}`;
  if (!canAnalyse()) return html`<span class="chip">pending</span>`;
  const busy = networks.deciding.has(proposal.proposalId);
  return html`<form class="decision" @submit=${(event: SubmitEvent) => event.preventDefault()}>
    <input
      name="reason"
      required
      minlength="3"
      maxlength="2000"
      placeholder="Reason (audited)"
      aria-label="Reason"
    />
    ${decisionButton(proposal, 'approve', busy)} ${decisionButton(proposal, 'reject', busy)}
  </form>`;
}

/** Decides a proposal with the reason typed in the button's form; rejecting is the secondary action. */
function decisionButton(
  proposal: BlocklistProposal,
  decision: 'approve' | 'reject',
  busy: boolean,
): TemplateResult {
  return html`<button
    type="button"
    class=${decision === 'reject' ? 'secondary' : nothing}
    ?disabled=${busy}
    @click=${(event: Event) =>
      void decide(proposal, decision, (event.target as HTMLElement).closest('form') as HTMLFormElement)}
  >
    ${decision === 'approve' ? 'Approve' : 'Reject'}
  </button>`;
}

function proposalsTable(): TemplateResult {
  if (networks.proposals.length === 0)
    return html`<p class="empty" data-testid="proposals-table">No block-list proposals.</p>`;
  return dataTable({
    testId: 'proposals-table',
    headings: [
      'Number',
      'Role',
      { text: 'Victims', numeric: true },
      { text: 'Score', numeric: true },
      'Evidence',
      'Proposed',
      'Decision',
    ],
    rows: networks.proposals,
    row: (proposal) =>
      html`<tr data-proposal-id=${proposal.proposalId} data-status=${proposal.status}>
        <td class="mono">${proposal.number}</td>
        <td>${proposal.role}</td>
        <td class="num">${proposal.victimsCount}</td>
        <td class="num">${proposal.score.toFixed(2)}</td>
        <td>
          ${proposal.evidenceAlertIds
            .slice(0, 3)
            .map(
              (alertId) =>
                html`<a class="mono" href="#/alerts/${encodeURIComponent(alertId)}">${alertId}</a> `,
            )}
          ${
            proposal.evidenceAlertIds.length > 3
              ? html`<small>+${proposal.evidenceAlertIds.length - 3} more</small>`
              : nothing
          }
        </td>
        <td>${formatTime(proposal.proposedAt)}</td>
        <td>${decisionCell(proposal)}</td>
      </tr>`,
  });
}

function decisionTrail(): TemplateResult {
  if (networks.decisions.length === 0)
    return html`<p class="empty" data-testid="decision-trail">No decisions in the last 30 days.</p>`;
  return dataTable({
    testId: 'decision-trail',
    headings: [
      'When',
      'Analyst',
      'Decision',
      'Number',
      { text: 'Victims', numeric: true },
      'Reason',
      'Expires',
    ],
    rows: networks.decisions,
    row: (decision) =>
      html`<tr data-proposal-id=${decision.proposalId}>
        <td>${formatTime(decision.decidedAt)}</td>
        <td>${decision.analyst}</td>
        <td><span class="chip">${decision.decision}</span></td>
        <td class="mono">${decision.number}</td>
        <td class="num">${decision.victimsCount}</td>
        <td>${decision.reason}</td>
        <td>${decision.expiresAt ? formatTime(decision.expiresAt) : '—'}</td>
      </tr>`,
  });
}

/** The Networks page: who is behind many victims, their graph, and the block-list decisions. */
export function networksView(): TemplateResult {
  if (!networks.loaded) void loadNetworks().catch(() => undefined);
  else queueMicrotask(drawNetworkCharts);
  return html`<section class="panel">
      <header class="panel-head">
        <h2>Numbers with the most victims</h2>
        ${rangePicker(networks.rangeDays, (days) => {
          networks.rangeDays = days;
          void loadNetworks();
        })}
      </header>
      ${topNumbersTable()}
    </section>
    <section class="panel">
      <h2>Campaign graph</h2>
      <p class="hint">
        Scammer numbers (large) and their victims; a solid edge is an alert (click it for the victim's
        evidence), a dashed one a transfer to a mule that did not alert alone.
      </p>
      <div id="network-graph" class="network-graph" data-testid="network-graph"></div>
    </section>
    <section class="panel">
      <h2>Victims per number per day</h2>
      <div class="chart small" ?hidden=${networks.perDay.length === 0}>
        <canvas id="victims-per-day-chart" aria-label="Victims per scammer number per day"></canvas>
      </div>
    </section>
    <section class="panel">
      <h2>Block-list proposals</h2>
      <p class="hint">
        Nothing is blocked without an analyst's decision. An approved number goes to the operator's barring
        system with an expiry; every decision and its reason is audited.
      </p>
      ${proposalsTable()}
    </section>
    <section class="panel">
      <h2>Decision audit trail</h2>
      ${decisionTrail()}
    </section>`;
}
