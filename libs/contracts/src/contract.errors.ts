/** Stable reason codes for records that break a contract; the DLQ and metrics use them as-is. */
export const contractErrorCodes = {
  MALFORMED_JSON: 'MALFORMED_JSON',
  SCHEMA_VIOLATION: 'SCHEMA_VIOLATION',
} as const;
export type ContractErrorCode = (typeof contractErrorCodes)[keyof typeof contractErrorCodes];

/** A record that does not satisfy its contract. Never retriable: the same bytes fail the same way. */
export class ContractError extends Error {
  readonly retriable = false;

  constructor(
    readonly code: ContractErrorCode,
    readonly contractId: string,
    /** One readable line per problem, e.g. `/amount: must be > 0`. */
    readonly problems: readonly string[],
  ) {
    super(`${contractId}: ${problems.join('; ')}`);
    this.name = 'ContractError';
  }
}

export function isContractError(error: unknown): error is ContractError {
  return error instanceof ContractError;
}
