import { html, render, type TemplateResult } from 'lit';
import { alertDetailView, liveView, loadAlert, loadRecentAlerts } from './alert-views.mjs';
import { ApiError, api, whenUnauthorized } from './api-client.mjs';
import type { FeedAlert, Session } from './api-types.mjs';
import { backtestAlertDetail } from './backtest-views.mjs';
import { forgetDetachedCharts } from './charts.mjs';
import { forgetDetachedGraph } from './network-graph.mjs';
import { loadNetworks, networksView } from './networks-view.mjs';
import { onRefresh, refresh, state } from './console-state.mjs';
import {
  followHealth,
  loadRules,
  loadTrends,
  pipelineView,
  rulesView,
  subscriberView,
  trendsView,
} from './insight-views.mjs';

/** `analystOnly`: the API refuses viewers there (a lookup by number reveals whether the number has data). */
const NAV = [
  { route: 'live', label: 'Live alerts' },
  { route: 'subscriber', label: 'Subscriber', analystOnly: true },
  { route: 'trends', label: 'Trends & precision' },
  { route: 'networks', label: 'Networks' },
  { route: 'rules', label: 'Rules' },
  { route: 'pipeline', label: 'Pipeline health' },
];

let feed: EventSource | null = null;
let recentTimer: ReturnType<typeof setTimeout> | undefined;

/** Follows the server's live feed; the browser's EventSource reconnects by itself and sends the session cookie. */
function openFeed(): void {
  feed?.close();
  feed = new EventSource('/api/feed');
  feed.addEventListener('status', (event) => {
    state.feedConnected = (
      JSON.parse((event as MessageEvent<string>).data) as { connected: boolean }
    ).connected;
    refresh();
  });
  feed.addEventListener('alert', (event) => {
    const item = JSON.parse((event as MessageEvent<string>).data) as FeedAlert;
    state.live = [item, ...state.live.filter((entry) => entry.alert.alertId !== item.alert.alertId)].slice(
      0,
      100,
    );
    refresh();
    // The stored history and precision follow a few seconds later, once the analytics sink has written the alert.
    clearTimeout(recentTimer);
    recentTimer = setTimeout(() => void loadRecentAlerts(), 3_000);
  });
  feed.addEventListener('repeat', (event) => {
    const item = JSON.parse((event as MessageEvent<string>).data) as {
      firstAlertId: string;
      repeatCount: number;
    };
    state.repeats[item.firstAlertId] = item.repeatCount;
    refresh();
  });
  feed.onerror = () => {
    state.feedConnected = false;
    refresh();
  };
}

async function signIn(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const apiKey = String(new FormData(event.target as HTMLFormElement).get('apiKey') ?? '');
  try {
    state.session = await api<Session>('/api/auth/session', { method: 'POST', body: { apiKey } });
    state.signInError = '';
    start();
  } catch (error) {
    state.signInError =
      error instanceof ApiError && error.status === 429
        ? 'Too many attempts; wait a minute.'
        : 'That API key was not accepted.';
    refresh();
  }
}

async function signOut(): Promise<void> {
  await api('/api/auth/session', { method: 'DELETE' }).catch(() => undefined);
  feed?.close();
  state.session = null;
  refresh();
}

function signInView(): TemplateResult {
  return html`<section class="sign-in panel">
    <h1>Vigil fraud console</h1>
    <p>Live scam alerts, their evidence and analyst verdicts. Sign in with the API key you were issued.</p>
    <form @submit=${(event: SubmitEvent) => void signIn(event)}>
      <label
        >API key
        <input
          name="apiKey"
          type="password"
          autocomplete="current-password"
          required
          minlength="16"
          data-testid="api-key"
      /></label>
      <button type="submit">Sign in</button>
      ${state.signInError ? html`<p class="status bad" role="alert">${state.signInError}</p>` : ''}
    </form>
    <p class="hint">
      Viewers see alerts and charts with masked numbers; analysts also record verdicts and may reveal a number
      (audited); administrators also publish rules.
    </p>
  </section>`;
}

/** What each route shows; any other route shows the live alerts. */
const PAGES = new Map<string, () => TemplateResult>([
  ['alerts', alertDetailView],
  ['subscriber', subscriberView],
  ['trends', trendsView],
  ['networks', networksView],
  ['rules', rulesView],
  ['pipeline', pipelineView],
]);

function page(): TemplateResult {
  return (PAGES.get(state.route[0] ?? '') ?? liveView)();
}

function view(): TemplateResult {
  if (!state.session) return signInView();
  const current = state.route[0] === 'alerts' ? 'live' : (state.route[0] ?? 'live');
  return html`<header class="top">
      <span class="brand">Vigil <small>fraud console</small></span>
      <nav>
        ${NAV.filter((item) => !item.analystOnly || state.session?.role !== 'viewer').map((item) => html`<a href="#/${item.route}" class=${item.route === current ? 'active' : ''}>${item.label}</a>`)}
      </nav>
      <span class="who"
        >${state.session.name} <span class="chip">${state.session.role}</span>
        <button class="small secondary" @click=${() => void signOut()}>Sign out</button></span
      >
    </header>
    ${
      state.message
        ? html`<p
            class="message"
            role="status"
            @click=${() => {
              state.message = '';
              refresh();
            }}
          >
            ${state.message} <small>(click to dismiss)</small>
          </p>`
        : ''
    }
    <div class="page">${page()}</div>`;
}

function onRoute(): void {
  state.route = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  state.message = '';
  if (!state.session) return refresh();
  followHealth(state.route[0] === 'pipeline');
  if (state.route[0] === 'alerts' && state.route[1]) {
    // An alert only a back-test raised is shown from the back-test: nothing is stored under its id.
    state.detail = backtestAlertDetail(state.route[1]) ?? null;
    state.detailSource = state.detail ? 'backtest' : null;
    if (!state.detail) void loadAlert(state.route[1]).catch(() => undefined);
  }
  if (state.route[0] === 'trends') void loadTrends().catch(() => undefined);
  if (state.route[0] === 'networks') void loadNetworks().catch(() => undefined);
  if (state.route[0] === 'rules') void loadRules().catch(() => undefined);
  refresh();
}

function start(): void {
  openFeed();
  void loadRecentAlerts();
  onRoute();
}

// The static page shows "Loading…" until this script runs; lit renders into an emptied container.
document.getElementById('app')!.replaceChildren();
onRefresh(() => {
  render(view(), document.getElementById('app')!);
  forgetDetachedCharts();
  forgetDetachedGraph();
});
whenUnauthorized(() => {
  state.session = null;
  feed?.close();
  refresh();
});
window.addEventListener('hashchange', onRoute);

api<Session>('/api/auth/session')
  .then((session) => {
    state.session = session;
    start();
  })
  .catch(() => onRoute());
