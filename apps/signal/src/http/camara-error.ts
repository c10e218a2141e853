/** CAMARA error codes the scam signal answers with, and their HTTP status. */
export const camaraErrorStatus = {
  INVALID_ARGUMENT: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  IDENTIFIER_NOT_FOUND: 404,
  NOT_FOUND: 404,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;
export type CamaraErrorCode = keyof typeof camaraErrorStatus;

/** The CAMARA error body: `{ status, code, message }`. Messages are fixed texts: they never echo the request. */
export interface CamaraErrorBody {
  status: number;
  code: CamaraErrorCode;
  message: string;
}

/** A refusal with its CAMARA code (and headers it needs, e.g. Retry-After); the exception filter answers it. */
export class CamaraError extends Error {
  constructor(
    readonly code: CamaraErrorCode,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'CamaraError';
  }

  get status(): number {
    return camaraErrorStatus[this.code];
  }

  body(): CamaraErrorBody {
    return { status: this.status, code: this.code, message: this.message };
  }
}
