import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { readCredentialsFile } from '@vigil/config';
import { CONSOLE_ROLES, type Principal } from './console-role';

const apiKeysFileSchema = z.object({
  keys: z
    .array(
      z.object({
        name: z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/),
        role: z.enum(CONSOLE_ROLES),
        sha256: z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex digits'),
        /** Published development keys: refused outside VIGIL_ENV=development. */
        demo: z.boolean().default(false),
      }),
    )
    .min(1),
});
const apiKeyEntriesSchema = apiKeysFileSchema.transform((file) => file.keys);

/** An API key entry as configured: the key itself is never stored, only its SHA-256. */
export type ApiKeyEntry = z.infer<typeof apiKeysFileSchema>['keys'][number];

/** SHA-256 of an API key, hex: what the keys file stores. */
export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex');
}

/**
 * The configured API keys. Keys are long random strings, so an unsalted SHA-256 is enough to make a leaked file
 * useless (no dictionary to try); comparison is constant-time over every entry so timing does not reveal a match.
 */
export class ApiKeyRegistry {
  private readonly entries: { digest: Buffer; principal: Principal }[];

  constructor(entries: readonly ApiKeyEntry[]) {
    this.entries = entries.map((entry) => ({
      digest: Buffer.from(entry.sha256, 'hex'),
      principal: { name: entry.name, role: entry.role },
    }));
  }

  /** Reads and validates a keys file; demo keys are refused outside development. */
  static fromFile(path: string, production: boolean): ApiKeyRegistry {
    return new ApiKeyRegistry(
      readCredentialsFile(path, apiKeyEntriesSchema, production, { one: 'API key', many: 'keys' }),
    );
  }

  /** The principal of a presented key, or undefined. */
  authenticate(apiKey: string): Principal | undefined {
    const digest = Buffer.from(hashApiKey(apiKey), 'hex');
    let found: Principal | undefined;
    for (const entry of this.entries) {
      if (timingSafeEqual(entry.digest, digest)) found ??= entry.principal;
    }
    return found;
  }
}
