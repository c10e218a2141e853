import type { z } from 'zod';
import { ConsoleError, consoleErrorCodes } from './console.errors';

/** Validates a request's query, params or body against a schema, or throws INVALID_INPUT naming every problem. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.infer<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ConsoleError(
    consoleErrorCodes.INVALID_INPUT,
    'invalid input',
    result.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(input)'}: ${issue.message}`),
  );
}
