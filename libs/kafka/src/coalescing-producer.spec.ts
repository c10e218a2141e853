import type { Producer, ProducerBatch } from 'kafkajs';
import { CoalescingProducer } from './coalescing-producer';

/** A producer whose requests the test acknowledges or fails by hand. */
function fakeProducer() {
  const requests: { batch: ProducerBatch; resolve(): void; reject(error: Error): void }[] = [];
  const producer = {
    sendBatch: (batch: ProducerBatch) =>
      new Promise((resolve, reject) => requests.push({ batch, resolve: () => resolve([]), reject })),
  } as unknown as Producer;
  return { producer, requests };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const message = (key: string, bytes = 10) => ({ key, value: 'x'.repeat(bytes) });
const keysOf = (batch: ProducerBatch) =>
  Object.fromEntries(
    (batch.topicMessages ?? []).map(({ topic, messages }) => [topic, messages.map((m) => m.key)]),
  );

describe(CoalescingProducer.name, () => {
  it('merges the sends of one event-loop turn into one request with acks from all in-sync replicas', async () => {
    const { producer, requests } = fakeProducer();
    const coalescing = new CoalescingProducer(producer);
    let done = 0;
    void coalescing.send('alerts', [message('a')]).then(() => done++);
    void coalescing.send('changelog', [message('c')]).then(() => done++);
    void coalescing.send('alerts', [message('b')]).then(() => done++);
    await settle();

    expect(requests).toHaveLength(1);
    expect(requests[0].batch.acks).toBe(-1);
    expect(keysOf(requests[0].batch)).toEqual({ alerts: ['a', 'b'], changelog: ['c'] });
    requests[0].resolve();
    await settle();
    expect(done).toBe(3);
  });

  it('dispatches a request as soon as it is full and resolves a send only when all its parts are acknowledged', async () => {
    const { producer, requests } = fakeProducer();
    const coalescing = new CoalescingProducer(producer, { maxRequestBytes: 200 });
    let done = false;
    void coalescing
      .send('t', [message('1', 100), message('2', 100), message('3', 100)])
      .then(() => (done = true));
    expect(requests).toHaveLength(2); // two full requests leave at once, the rest at the end of the turn
    await settle();
    expect(requests.map((request) => keysOf(request.batch).t)).toEqual([['1'], ['2'], ['3']]);

    requests[0].resolve();
    requests[2].resolve();
    await settle();
    expect(done).toBe(false);
    requests[1].resolve();
    await settle();
    expect(done).toBe(true);
  });

  it('keeps an atomic send in one request and refuses one that cannot fit', async () => {
    const { producer, requests } = fakeProducer();
    const coalescing = new CoalescingProducer(producer, { maxRequestBytes: 400 });
    void coalescing.send('t', [message('loose', 100)]);
    void coalescing.send('t', [message('s1', 50), message('s2', 50), message('progress', 10)], {
      atomic: true,
    });
    await expect(
      coalescing.send('t', [message('big', 200), message('bigger', 200)], { atomic: true }),
    ).rejects.toThrow(RangeError);
    await settle();
    expect(requests.map((request) => keysOf(request.batch).t)).toEqual([['loose'], ['s1', 's2', 'progress']]);
  });

  it('fails every send that had a message in a failed request, and only those', async () => {
    const { producer, requests } = fakeProducer();
    const coalescing = new CoalescingProducer(producer, { maxRequestBytes: 200 });
    const first = coalescing.send('t', [message('1', 100)]);
    const spanning = coalescing.send('t', [message('2', 100), message('3', 100)]);
    await settle();
    requests[0].resolve();
    requests[1].reject(new Error('not leader'));
    requests[2]?.resolve();
    await expect(first).resolves.toBeUndefined();
    await expect(spanning).rejects.toThrow('not leader');
  });
});
