import { z } from 'zod';
import { ConfigError } from './config.errors';
import { DEPLOYMENT_MODE_VARIABLE, deploymentModeField, type DeploymentMode } from './deployment-mode';
import { isDevelopmentSecret, secretDevelopmentDefault } from './secret-fields';

/**
 * Validates the environment once, at boot, against a service's schema (keys are environment variable names) and
 * returns the typed result; throws ConfigError naming every invalid variable. Secrets fail closed: outside
 * `VIGIL_ENV=development` a missing secret or a published development default is refused.
 */
export function loadConfig<Schema extends z.ZodType>(
  serviceName: string,
  schema: Schema,
  env: Record<string, string | undefined>,
): z.infer<Schema> {
  const mode = deploymentModeField.safeParse(env[DEPLOYMENT_MODE_VARIABLE]);
  const problems: string[] = mode.success
    ? []
    : [`${DEPLOYMENT_MODE_VARIABLE}: ${mode.error.issues[0]?.message ?? 'invalid'}`];
  const secrets = resolveSecrets(schema, env, mode.success ? mode.data : 'production');
  problems.push(...secrets.problems);
  const result = schema.safeParse(secrets.env);
  if (result.success && problems.length === 0) return result.data as z.infer<Schema>;
  for (const issue of result.success ? [] : result.error.issues) {
    const variable = issue.path.map(String).join('.') || '(environment)';
    if (!secrets.refused.has(variable)) problems.push(`${variable}: ${issue.message}`);
  }
  throw new ConfigError(serviceName, problems);
}

/** Fills development defaults of secrets in development; outside it, names every missing or published secret. */
function resolveSecrets(
  schema: z.ZodType,
  env: Record<string, string | undefined>,
  mode: DeploymentMode,
): { env: Record<string, string | undefined>; problems: string[]; refused: Set<string> } {
  const resolved = { ...env };
  const problems: string[] = [];
  const refused = new Set<string>();
  const shape = schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {};
  for (const [variable, field] of Object.entries(shape)) {
    const developmentDefault = secretDevelopmentDefault(field);
    if (developmentDefault === undefined) continue;
    const value = env[variable];
    if (mode === 'development') {
      if (value === undefined || value === '') resolved[variable] = developmentDefault;
    } else if (value === undefined || value === '') {
      refused.add(variable);
      problems.push(`${variable}: required outside development (${DEPLOYMENT_MODE_VARIABLE}=development)`);
    } else if (isDevelopmentSecret(value)) {
      refused.add(variable);
      problems.push(`${variable}: a published development secret, refused outside development`);
    }
  }
  return { env: resolved, problems, refused };
}
