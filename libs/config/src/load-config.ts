import { z } from 'zod';
import { ConfigError } from './config.errors';

/**
 * Validates the environment once, at boot, against a service's schema (keys are environment variable names) and
 * returns the typed result; throws ConfigError naming every invalid variable.
 */
export function loadConfig<Schema extends z.ZodType>(
  serviceName: string,
  schema: Schema,
  env: Record<string, string | undefined>,
): z.infer<Schema> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.map(String).join('.') || '(environment)';
    return `${variable}: ${issue.message}`;
  });
  throw new ConfigError(serviceName, problems);
}
