import { RefusedInputError } from '@vigil/contracts';

/**
 * Stable reason codes of the ingest service. The DLQ, metrics and alerts use them as-is, so never rename one.
 * None is retriable: the same bytes fail the same way on every attempt, so they go to the DLQ at once.
 */
export const ingestErrorCodes = {
  /** The record is not JSON (or empty). */
  MALFORMED_JSON: 'MALFORMED_JSON',
  /** The record is JSON but breaks its input contract. */
  SCHEMA_VIOLATION: 'SCHEMA_VIOLATION',
  /** The event time is not an RFC 3339 date-time that exists in the calendar. */
  EVENT_TIME_INVALID: 'EVENT_TIME_INVALID',
  /** The event time lies further in the future than the allowed clock skew. */
  EVENT_TIME_IN_FUTURE: 'EVENT_TIME_IN_FUTURE',
  /** The amount is not a finite number greater than zero (negative, zero, Infinity, an unparseable string). */
  AMOUNT_INVALID: 'AMOUNT_INVALID',
  /** A party (sender, recipient, caller, callee, msisdn, counterparty) normalizes to nothing usable. */
  NUMBER_INVALID: 'NUMBER_INVALID',
  /** A balance transfer whose counterparty is the paying subscriber itself. */
  SELF_TRANSFER: 'SELF_TRANSFER',
  /** The ingest configuration (number plan, lexicons, brands) is invalid; raised at boot, never per record. */
  CONFIG_INVALID: 'CONFIG_INVALID',
} as const;

/** Any ingest error code. */
export type IngestErrorCode = (typeof ingestErrorCodes)[keyof typeof ingestErrorCodes];

/** Codes a single raw record can be rejected with (everything but configuration errors). */
export type RejectionCode = Exclude<IngestErrorCode, 'CONFIG_INVALID'>;

/** Whether retrying can help; read by retry and dead-letter policy. Every ingest code is final. */
export const ingestErrorRetriable: Readonly<Record<IngestErrorCode, boolean>> = {
  MALFORMED_JSON: false,
  SCHEMA_VIOLATION: false,
  EVENT_TIME_INVALID: false,
  EVENT_TIME_IN_FUTURE: false,
  AMOUNT_INVALID: false,
  NUMBER_INVALID: false,
  SELF_TRANSFER: false,
  CONFIG_INVALID: false,
};

/** Why a raw record was rejected. `reason` is readable and never holds SMS text or a full MSISDN. */
export interface IngestRejection {
  readonly code: RejectionCode;
  readonly reason: string;
  readonly retriable: false;
}

/** Builds a rejection with its catalogue flags. */
export function rejection(code: RejectionCode, reason: string): IngestRejection {
  return { code, reason, retriable: false };
}

/** Invalid ingest configuration, naming the file and the path inside it (e.g. `lexicons.yaml: lures.prizeLure.ru[2]`). */
export class IngestConfigError extends RefusedInputError<typeof ingestErrorCodes.CONFIG_INVALID> {
  /** `problems`: one line per problem, each `path: message`. */
  constructor(
    readonly file: string,
    problems: readonly string[],
  ) {
    super(ingestErrorCodes.CONFIG_INVALID, file, problems);
  }
}

/** Type guard for configuration errors. */
export function isIngestConfigError(error: unknown): error is IngestConfigError {
  return error instanceof IngestConfigError;
}
