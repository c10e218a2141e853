/** What `ConnectedOnFirstUse` holds: a kafkajs producer or admin. */
export interface ConnectableClient {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
}

/**
 * A producer or admin connected when it is first needed and kept: a service that may never write (or never ask)
 * starts, and serves everything else, without a connection to Kafka.
 */
export class ConnectedOnFirstUse<Client extends ConnectableClient> {
  private client?: Client;

  constructor(private readonly create: () => Client) {}

  async get(): Promise<Client> {
    if (!this.client) {
      const client = this.create();
      await client.connect();
      this.client = client;
    }
    return this.client;
  }

  /** Disconnects a connected client; a failure to is ignored (it runs on shutdown). The next `get` connects anew. */
  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.disconnect().catch(() => undefined);
  }
}
