import { TableBuffer } from './table-buffer';

const rows = (n: number, from = 0): Record<string, unknown>[] =>
  Array.from({ length: n }, (_, i) => ({ id: from + i }));

describe(TableBuffer.name, () => {
  it('sends one insert for batches that arrive within the linger time', async () => {
    const inserts: number[] = [];
    const buffer = new TableBuffer(async (sent) => void inserts.push(sent.length), {
      maxRows: 1_000,
      lingerMs: 20,
      maxWaiters: 10,
    });
    await Promise.all([buffer.append(rows(3)), buffer.append(rows(4, 3))]);
    expect(inserts).toEqual([7]);
  });

  it('sends at once when the buffer is full or every in-flight batch is waiting', async () => {
    const inserts: number[] = [];
    const insert = async (sent: Record<string, unknown>[]): Promise<void> => void inserts.push(sent.length);
    const full = new TableBuffer(insert, { maxRows: 5, lingerMs: 60_000, maxWaiters: 10 });
    await full.append(rows(6));
    const allWaiting = new TableBuffer(insert, { maxRows: 1_000, lingerMs: 60_000, maxWaiters: 1 });
    await allWaiting.append(rows(2));
    expect(inserts).toEqual([6, 2]);
  });

  it('rejects every batch of a failed insert so none of them is committed', async () => {
    const unavailable = Object.assign(new Error('connect ECONNREFUSED'), { retriable: true });
    const buffer = new TableBuffer(
      async () => {
        throw unavailable;
      },
      { maxRows: 1_000, lingerMs: 10, maxWaiters: 2 },
    );
    const results = await Promise.allSettled([buffer.append(rows(1)), buffer.append(rows(1, 1))]);
    expect(results).toEqual([
      { status: 'rejected', reason: unavailable },
      { status: 'rejected', reason: unavailable },
    ]);
    expect(buffer.bufferedRows).toBe(0); // the redelivered batches bring their rows again
  });

  it('resolves a batch without rows immediately', async () => {
    const insert = jest.fn(async () => undefined);
    await new TableBuffer(insert, { maxRows: 1, lingerMs: 1, maxWaiters: 1 }).append([]);
    expect(insert).not.toHaveBeenCalled();
  });

  it('holds the insert while rows handed over together are still on their way', async () => {
    const inserts: number[] = [];
    let onTheWay = true;
    const buffer = new TableBuffer(async (sent) => void inserts.push(sent.length), {
      maxRows: 1_000,
      lingerMs: 0,
      maxWaiters: 10,
      moreOnTheWay: () => onTheWay,
    });
    const first = buffer.append(rows(3));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(inserts).toEqual([]);
    onTheWay = false;
    await Promise.all([first, buffer.append(rows(2, 3))]);
    expect(inserts).toEqual([5]);
  });
});
