import type { IncomingHttpHeaders } from 'node:http';
import type { RegisteredClient } from './client-registry';

/** The client a check request was authenticated as, with the purpose its token declares. */
export interface AuthenticatedClient extends RegisteredClient {
  tokenPurpose: string;
}

/**
 * A request as the guards see it and leave it (the parts of Fastify's request the service reads; a declared
 * request decoration holds `signalClient`, see main.ts).
 */
export interface SignalRequest {
  readonly headers: IncomingHttpHeaders;
  readonly body?: unknown;
  readonly ip: string;
  readonly url: string;
  signalClient?: AuthenticatedClient | null;
}
