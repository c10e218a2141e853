import { RefusedInputError } from '@vigil/contracts';

/** Stable error codes of the alert-routing domain; retry and dead-letter policy read `retriable`. */
export const alertRoutingErrorCodes = {
  INVALID_ROUTING_CONFIG: 'INVALID_ROUTING_CONFIG',
  TEMPLATE_OVER_BUDGET: 'TEMPLATE_OVER_BUDGET',
  INVALID_STATE_ENTRY: 'INVALID_STATE_ENTRY',
  INVALID_WEBHOOK_DELIVERY: 'INVALID_WEBHOOK_DELIVERY',
  WEBHOOK_FAILED: 'WEBHOOK_FAILED',
} as const;
export type AlertRoutingErrorCode = (typeof alertRoutingErrorCodes)[keyof typeof alertRoutingErrorCodes];

/** A routing configuration (YAML or templates) that cannot be used: names the file (`subject`) and every problem. */
export class RoutingConfigError extends RefusedInputError<AlertRoutingErrorCode> {}

/** A stored record (router state or webhook delivery) that does not decode; the same bytes always fail. */
export class RoutingRecordError extends Error {
  readonly retriable = false;

  constructor(
    readonly code: AlertRoutingErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RoutingRecordError';
  }
}
