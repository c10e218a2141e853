import { z } from 'zod';

// Secret fields of every service schema and their development defaults, so `loadConfig` refuses them all the
// same way, and refuses any published default as the value of any secret (one service's default in another).
const developmentDefaultOf = new WeakMap<z.ZodType, string>();
const developmentDefaults = new Set<string>();

/**
 * A secret (pseudonym key, signing secret, hash key, session secret): at least 16 characters. Outside development
 * it must be set, and not to a published development default; in development the default fills it in.
 */
export function secretField(developmentDefault: string): z.ZodString {
  const field = z.string().min(16, 'must be at least 16 characters');
  developmentDefaultOf.set(field, developmentDefault);
  developmentDefaults.add(developmentDefault);
  return field;
}

/** The development default of a field declared with `secretField`, else undefined. */
export function secretDevelopmentDefault(field: z.ZodType): string | undefined {
  return developmentDefaultOf.get(field);
}

/** True for a value that is one of the published development defaults. */
export function isDevelopmentSecret(value: string): boolean {
  return developmentDefaults.has(value);
}
