import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { z } from 'zod';

/** What a credentials file's entries are called in its errors: `API key` and `keys`, `client` and `clients`. */
export interface CredentialNouns {
  one: string;
  many: string;
}

/**
 * The usable entries of a YAML credentials file (the console's API keys, the scam signal's clients): the file is
 * validated by `schema` (an error names the file and every invalid field), published development entries
 * (`demo: true`) are dropped in production, and a file left with no entry is refused.
 */
export function readCredentialsFile<Entry extends { demo: boolean }>(
  path: string,
  schema: z.ZodType<Entry[], unknown>,
  production: boolean,
  nouns: CredentialNouns,
): Entry[] {
  const parsed = schema.safeParse(parse(readFileSync(path, 'utf8')));
  if (!parsed.success)
    throw new Error(
      `${path}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
    );
  const entries = parsed.data.filter((entry) => !(production && entry.demo));
  if (entries.length === 0)
    throw new Error(`${path}: no usable ${nouns.one} (demo ${nouns.many} are refused in production)`);
  return entries;
}
