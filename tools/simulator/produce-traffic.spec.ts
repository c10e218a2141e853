import type { Kafka, ProducerBatch } from '@vigil/kafka';
import { simulateTraffic } from '@vigil/simulation';
import { produceTraffic } from './produce-traffic';

/** A kafkajs stand-in that records what would be sent. */
function fakeKafka(): { kafka: Kafka; batches: ProducerBatch[]; events: string[] } {
  const batches: ProducerBatch[] = [];
  const events: string[] = [];
  const producer = {
    connect: async () => void events.push('connect'),
    disconnect: async () => void events.push('disconnect'),
    sendBatch: async (batch: ProducerBatch) => {
      batches.push(batch);
      return [];
    },
  };
  return { kafka: { producer: () => producer } as unknown as Kafka, batches, events };
}

describe(produceTraffic.name, () => {
  const simulation = simulateTraffic({
    seed: 3,
    subscribers: 50,
    scenarios: { perTypology: 1 },
    startMs: Date.parse('2025-06-01T00:00:00.000Z'),
    durationMs: 6 * 3_600_000,
  });
  const total = [...simulation.records()].length;

  it('sends every record in batches with acks -1 to the prefixed input topics', async () => {
    const { kafka, batches, events } = fakeKafka();
    const summary = await produceTraffic({
      kafka,
      simulation,
      pacing: { mode: 'as-fast-as-possible' },
      topicPrefix: 'p-',
      batchSize: 100,
    });
    expect(summary.sent).toBe(total);
    expect(summary.aborted).toBe(false);
    expect(events).toEqual(['connect', 'disconnect']);
    expect(batches.every((b) => b.acks === -1)).toBe(true);
    const topics = new Set(batches.flatMap((b) => b.topicMessages!.map((t) => t.topic)));
    expect([...topics].sort()).toEqual(['p-telco.calls.v1', 'p-telco.payments.v1', 'p-telco.sms.v1']);
    const sent = batches.flatMap((b) => b.topicMessages!.flatMap((t) => t.messages));
    expect(sent).toHaveLength(total);
    expect(sent.every((m) => typeof m.key === 'string' && Buffer.isBuffer(m.value))).toBe(true);
    expect(
      Math.max(...batches.map((b) => b.topicMessages!.reduce((n, t) => n + t.messages.length, 0))),
    ).toBeLessThanOrEqual(100);
  });

  it('keeps delivery order within each topic', async () => {
    const { kafka, batches } = fakeKafka();
    await produceTraffic({ kafka, simulation, pacing: { mode: 'as-fast-as-possible' } });
    const sms = batches.flatMap((b) =>
      b.topicMessages!.filter((t) => t.topic === 'telco.sms.v1').flatMap((t) => t.messages),
    );
    const expected = [...simulation.records()].filter((r) => r.topic === 'sms').map((r) => r.value.eventId);
    expect(sms.map((m) => JSON.parse(String(m.value)).eventId)).toEqual(expected);
  });

  it('stops when aborted and still disconnects', async () => {
    const { kafka, events } = fakeKafka();
    const controller = new AbortController();
    controller.abort();
    const summary = await produceTraffic({
      kafka,
      simulation,
      pacing: { mode: 'rate', eventsPerSecond: 10 },
      signal: controller.signal,
    });
    expect(summary).toMatchObject({ sent: 0, aborted: true });
    expect(events).toEqual(['connect', 'disconnect']);
  });
});
