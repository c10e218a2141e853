import { ConnectedOnFirstUse, type ConnectableClient } from './connected-on-first-use';

class CountingClient implements ConnectableClient {
  connects = 0;
  disconnects = 0;
  async connect(): Promise<void> {
    this.connects += 1;
  }
  async disconnect(): Promise<void> {
    this.disconnects += 1;
    throw new Error('broker gone');
  }
}

describe(ConnectedOnFirstUse.name, () => {
  it('creates and connects one client on first use, and keeps it', async () => {
    const created: CountingClient[] = [];
    const client = new ConnectedOnFirstUse(() => {
      const next = new CountingClient();
      created.push(next);
      return next;
    });
    expect(created).toHaveLength(0);
    const first = await client.get();
    expect(await client.get()).toBe(first);
    expect(first.connects).toBe(1);
    expect(created).toHaveLength(1);
  });

  it('closes without failing even when disconnecting fails, and connects anew afterwards', async () => {
    const client = new ConnectedOnFirstUse(() => new CountingClient());
    await client.close(); // never connected: nothing to do
    const first = await client.get();
    await expect(client.close()).resolves.toBeUndefined();
    expect(first.disconnects).toBe(1);
    expect(await client.get()).not.toBe(first);
  });
});
