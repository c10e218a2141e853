import type { Kafka } from '@vigil/kafka';
import { deadLetterV1, type EntityEventV1 } from '@vigil/contracts';
import { readTopicsToEnd } from '../../../tools/support/kafka-topic-reader';
import { testKafka } from '../../../test/support/kafka-test-kit';
import { TestPipeline } from '../../../test/support/pipeline-kit';

/** A spyware offer: a single-event rule, so each one alerts on arrival without waiting for event time. */
function spywareOffer(id: string, subscriber: string, occurredAt: string): EntityEventV1 {
  return {
    eventId: `${id}:sms_in`,
    sourceEventId: id,
    sourceTopic: 'telco.sms.v1',
    entity: `msisdn:${subscriber}`,
    kind: 'sms_in',
    occurredAt,
    ingestedAt: occurredAt,
    counterparty: '77479990001',
    counterpartyClass: 'domestic',
    features: { spywareOffer: true },
  };
}

describe('correlator (built service on the real broker)', () => {
  let kafka: Kafka;
  let pipeline: TestPipeline;

  beforeEach(async () => {
    kafka = testKafka();
    pipeline = new TestPipeline(kafka, 1);
    await pipeline.createTopics();
  });

  afterEach(async () => {
    await pipeline.stopAll();
    await pipeline.deleteTopics();
  });

  it('dead-letters a poisoned record in the middle of a batch alone and processes its neighbours', async () => {
    const correlator = await pipeline.start('correlator');
    const at = new Date(Date.now() - 60_000).toISOString();
    // A leap second: the contract's date-time format accepts it, no Date can read it.
    const events = [
      spywareOffer('before', '77010000001', at),
      spywareOffer('poisoned', '77010000002', '2016-12-31T23:59:60.000Z'),
      spywareOffer('after', '77010000003', at),
    ];
    const producer = kafka.producer();
    await producer.connect();
    // One send, one partition: the three records reach the correlator in one batch.
    await producer.send({
      topic: pipeline.topics.entityEvents,
      messages: events.map((event) => ({ key: event.entity, value: JSON.stringify(event), partition: 0 })),
    });
    await producer.disconnect();

    const alerts = await pipeline.waitForAlerts((current) => current.length >= 2, 30_000);
    expect(alerts.map((alert) => alert.entity).sort()).toEqual(['msisdn:77010000001', 'msisdn:77010000003']);
    const letters = await waitForDeadLetters(kafka, pipeline.topics.dlq, 1);
    expect(letters.map((letter) => [letter.reasonCode, letter.sourceOffset])).toEqual([
      ['INVALID_EVENT', '1'],
    ]);
    expect(await correlator.metric('vigil_correlator_events_processed_total')).toBe(3);
  }, 60_000);
});

async function waitForDeadLetters(kafka: Kafka, topic: string, count: number) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const letters = (await readTopicsToEnd(kafka, [topic])).map((record) =>
      deadLetterV1.deserialize(record.value),
    );
    if (letters.length >= count || Date.now() > deadline) return letters;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
