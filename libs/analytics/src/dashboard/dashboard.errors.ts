import { RefusedInputError } from '@vigil/contracts';

/** Stable error codes of the dashboard queries; the console API maps INVALID_FILTER to HTTP 400. */
export const dashboardErrorCodes = {
  INVALID_FILTER: 'DASHBOARD_INVALID_FILTER',
} as const;

/** A filter value was refused before any SQL was built. Never retriable. */
export class DashboardFilterError extends RefusedInputError<typeof dashboardErrorCodes.INVALID_FILTER> {
  constructor(
    readonly query: string,
    problems: readonly string[],
  ) {
    super(dashboardErrorCodes.INVALID_FILTER, `${query}: invalid filter`, problems);
  }
}
