import type { ErrorRequestHandler, NextFunction, Request, Response } from 'express';

/** What body-parser (through http-errors) attaches to the errors it raises for a client's bad body. */
interface ClientBodyError {
  status: number;
  expose: boolean;
  type?: string;
}

function isClientBodyError(error: unknown): error is ClientBodyError {
  const candidate = error as Partial<ClientBodyError> | null;
  return (
    typeof candidate?.status === 'number' &&
    candidate.status >= 400 &&
    candidate.status < 500 &&
    candidate.expose === true
  );
}

const MESSAGES: Record<number, string> = {
  400: 'malformed request body',
  413: 'request body too large',
  415: 'unsupported body encoding',
};

/**
 * Answers the body parser's refusals with their own status (413 too large, 400 malformed JSON, 415 charset) and a
 * fixed message, instead of letting them end as 500s; the body itself is never echoed or logged.
 */
export function bodyParseErrors(): ErrorRequestHandler {
  return (error: unknown, _request: Request, response: Response, next: NextFunction) => {
    if (!isClientBodyError(error)) return next(error);
    const status = error.status;
    response.status(status).json({ statusCode: status, message: MESSAGES[status] ?? 'invalid request body' });
  };
}
