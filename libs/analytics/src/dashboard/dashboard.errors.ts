/** Stable error codes of the dashboard queries; the console API maps INVALID_FILTER to HTTP 400. */
export const dashboardErrorCodes = {
  INVALID_FILTER: 'DASHBOARD_INVALID_FILTER',
} as const;

/** A filter value was refused before any SQL was built. Never retriable. */
export class DashboardFilterError extends Error {
  readonly code = dashboardErrorCodes.INVALID_FILTER;
  readonly retriable = false;

  constructor(
    readonly query: string,
    readonly problems: readonly string[],
  ) {
    super(`${query}: invalid filter: ${problems.join('; ')}`);
    this.name = 'DashboardFilterError';
  }
}
