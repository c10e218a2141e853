/** Stable error codes of the ClickHouse adapter; retry policy reads `retriable`. */
export const clickHouseErrorCodes = {
  /** Server unreachable, timed out, overloaded or failing: a later attempt may succeed. */
  UNAVAILABLE: 'CLICKHOUSE_UNAVAILABLE',
  /** The server rejected the statement itself (syntax, types, unknown column): retrying cannot help. */
  REJECTED: 'CLICKHOUSE_REJECTED',
  /** An applied migration's statements changed after it ran. */
  MIGRATION_CHANGED: 'CLICKHOUSE_MIGRATION_CHANGED',
} as const;
export type ClickHouseErrorCode = (typeof clickHouseErrorCodes)[keyof typeof clickHouseErrorCodes];

/** A ClickHouse failure with a stable code and a `retriable` flag. */
export class ClickHouseError extends Error {
  readonly retriable: boolean;

  constructor(
    readonly code: ClickHouseErrorCode,
    message: string,
    /** ClickHouse's numeric exception code when the server answered. */
    readonly serverCode?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ClickHouseError';
    this.retriable = code === clickHouseErrorCodes.UNAVAILABLE;
  }
}

// Server exception codes that say the statement or its data is wrong, not that the server is unwell
// (SYNTAX_ERROR, TYPE_MISMATCH, UNKNOWN_IDENTIFIER, ILLEGAL_TYPE_OF_ARGUMENT, CANNOT_PARSE_*, …).
const STATEMENT_ERROR_CODES = new Set([
  6, 26, 27, 38, 41, 43, 44, 46, 47, 53, 62, 69, 70, 72, 117, 130, 131, 184, 215, 352, 386,
]);

/** Maps whatever a client threw to a ClickHouseError; programmer errors pass through unchanged. */
export function toClickHouseError(error: unknown): Error {
  if (error instanceof ClickHouseError) return error;
  if (error instanceof TypeError || error instanceof RangeError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const serverCode = readServerCode(error, message);
  const code =
    serverCode !== undefined && STATEMENT_ERROR_CODES.has(serverCode)
      ? clickHouseErrorCodes.REJECTED
      : clickHouseErrorCodes.UNAVAILABLE;
  return new ClickHouseError(code, message.slice(0, 1_000), serverCode, { cause: error });
}

function readServerCode(error: unknown, message: string): number | undefined {
  const fromClient = (error as { code?: unknown } | null)?.code;
  if (typeof fromClient === 'string' && /^\d+$/.test(fromClient)) return Number(fromClient);
  const match = /Code: (\d+)/.exec(message);
  return match ? Number(match[1]) : undefined;
}
