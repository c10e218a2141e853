import { RefusedInputError } from './refused-input.errors';

/** Stable reason codes for records that break a contract; the DLQ and metrics use them as-is. */
export const contractErrorCodes = {
  MALFORMED_JSON: 'MALFORMED_JSON',
  SCHEMA_VIOLATION: 'SCHEMA_VIOLATION',
} as const;
export type ContractErrorCode = (typeof contractErrorCodes)[keyof typeof contractErrorCodes];

/** A record that does not satisfy its contract (`subject`: the contract id; a problem: `/amount: must be > 0`). */
export class ContractError extends RefusedInputError<ContractErrorCode> {}

export function isContractError(error: unknown): error is ContractError {
  return error instanceof ContractError;
}
