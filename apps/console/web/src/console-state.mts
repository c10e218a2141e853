import type { AlertDetail, AlertSummary, FeedAlert, Session } from './api-types.mjs';

/** Everything the screen shows; views read it, actions change it and call `refresh()`. */
export interface ConsoleState {
  session: Session | null;
  signInError: string;
  route: string[];
  feedConnected: boolean;
  /** Live alerts since the page opened, newest first (at most 100). */
  live: FeedAlert[];
  repeats: Record<string, number>;
  recent: AlertSummary[];
  detail: AlertDetail | null;
  /** store: the analytics store; live: the live feed, not stored yet; backtest: raised only by a back-test. */
  detailSource: 'store' | 'live' | 'backtest' | null;
  message: string;
}

export const state: ConsoleState = {
  session: null,
  signInError: '',
  route: [],
  feedConnected: false,
  live: [],
  repeats: {},
  recent: [],
  detail: null,
  detailSource: null,
  message: '',
};

let renderer: () => void = () => undefined;

export function onRefresh(render: () => void): void {
  renderer = render;
}

/** Re-renders the page (lit only touches what changed). */
export function refresh(): void {
  renderer();
}

export const canAnalyse = (): boolean => state.session?.role === 'analyst' || state.session?.role === 'admin';
export const isAdmin = (): boolean => state.session?.role === 'admin';
