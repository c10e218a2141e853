import type { Request } from 'express';
import type { RegisteredClient } from './client-registry';

/** The client a check request was authenticated as, with the purpose its token declares. */
export interface AuthenticatedClient extends RegisteredClient {
  tokenPurpose: string;
}

/** A request as the guard leaves it. */
export type SignalRequest = Request & { signalClient?: AuthenticatedClient };
