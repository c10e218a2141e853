import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { readCredentialsFile } from '@vigil/config';

const clientsFileSchema = z.object({
  clients: z
    .array(
      z.object({
        clientId: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
        sha256: z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex digits'),
        scopes: z.array(z.string().regex(/^[a-z0-9:_-]{1,64}$/)).default([]),
        /** The purpose the client declared at registration; carried in its tokens and in every audit row. */
        purpose: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/),
        rateLimitPerMinute: z.number().int().positive(),
        /** Published development clients: refused outside VIGIL_ENV=development. */
        demo: z.boolean().default(false),
      }),
    )
    .min(1),
});
const clientEntriesSchema = clientsFileSchema.transform((file) => file.clients);

/** A registered client as configured: its secret is never stored, only the secret's SHA-256. */
export type RegisteredClientEntry = z.infer<typeof clientsFileSchema>['clients'][number];

/** A registered client, as the service uses it. */
export interface RegisteredClient {
  clientId: string;
  scopes: readonly string[];
  purpose: string;
  rateLimitPerMinute: number;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * The registered clients of the scam signal. Secrets are long random strings, so an unsalted SHA-256 makes a leaked
 * file useless (no dictionary to try), the console's API keys' convention; the comparison is constant-time.
 */
export class ClientRegistry {
  private readonly clients = new Map<string, { digest: Buffer; client: RegisteredClient }>();

  constructor(entries: readonly RegisteredClientEntry[]) {
    for (const { clientId, sha256: hex, scopes, purpose, rateLimitPerMinute } of entries)
      this.clients.set(clientId, {
        digest: Buffer.from(hex, 'hex'),
        client: { clientId, scopes, purpose, rateLimitPerMinute },
      });
  }

  /** Reads and validates a clients file; demo clients are refused outside development. */
  static fromFile(path: string, production: boolean): ClientRegistry {
    return new ClientRegistry(
      readCredentialsFile(path, clientEntriesSchema, production, { one: 'client', many: 'clients' }),
    );
  }

  /** The client whose id and secret these are, or undefined. */
  authenticate(clientId: string, secret: string): RegisteredClient | undefined {
    const entry = this.clients.get(clientId);
    // Hashed either way, so an unknown id takes as long as a wrong secret.
    const presented = sha256(secret);
    if (entry === undefined) return undefined;
    return timingSafeEqual(entry.digest, presented) ? entry.client : undefined;
  }

  /** A registered client by id (a token names it; removing a client ends its tokens). */
  get(clientId: string): RegisteredClient | undefined {
    return this.clients.get(clientId)?.client;
  }
}
