import type { Kafka } from '@vigil/kafka';
import { deadLetterV1, entityEventV1 } from '@vigil/contracts';
import { testKafka } from '../../../test/support/kafka-test-kit';
import { TestPipeline } from '../../../test/support/pipeline-kit';
import { readTopicsToEnd } from '../../../tools/support/kafka-topic-reader';

// Bulk smishing from senders real feeds deliver but no number plan describes: a 10-digit national number without
// trunk prefix, a number with a leading "+" and spaces, a spoofed alphanumeric id. Each must be read as a bulk
// smishing sender by ingest and the correlator on the real broker, and nothing may be dead-lettered for its sender.
const RECIPIENTS = 60;
const CAMPAIGNS: ReadonlyArray<{ sender: string; entity: string; text: string }> = [
  {
    sender: '7479990001',
    entity: 'sender:7479990001',
    text: 'Ваша посылка задержана. Оплатите доставку: kazpost-delivery.top/pay',
  },
  {
    sender: '+ 7 747 999 00 02',
    entity: 'sender:77479990002',
    text: 'Kaspi: ваша карта заблокирована, подтвердите данные http://kaspi.kz.secure-login.top/a',
  },
  {
    sender: 'Bank-KZ',
    entity: 'sender:bank-kz',
    text: 'Bank-KZ: suspicious login detected. Verify now at https://bank-kz-verify.site/login',
  },
];
// Allow-listed shop mailing with a link: the benign twin, never a smishing sender.
const SHOP = { sender: 'Magnum', text: 'Magnum: скидки до 30% на выходных. Каталог: magnum.kz/sale' };
// Partitions read to their end go idle within seconds, so the one later record below sets event time.
const INGEST_ENV = { IDLE_TIMEOUT_MS: '5000' };

const recipient = (i: number): string => `7701${String(10_000_000 + i).slice(1)}`;

describe('odd SMS senders on the real broker (ingest → correlator)', () => {
  let kafka: Kafka;
  let pipeline: TestPipeline;

  beforeAll(async () => {
    kafka = testKafka();
    pipeline = new TestPipeline(kafka, 3);
    await pipeline.createTopics();
    await pipeline.start('ingest', INGEST_ENV);
    await pipeline.start('correlator');
  }, 120_000);

  afterAll(async () => {
    await pipeline?.stopAll();
    await pipeline?.deleteTopics();
  });

  it('detects each campaign as smishing_bulk_sender and dead-letters none of their SMS', async () => {
    const startMs = Date.now() - 30 * 60_000;
    const messages = [...CAMPAIGNS, SHOP].flatMap((campaign, c) =>
      Array.from({ length: RECIPIENTS }, (_, i) => ({
        key: campaign.sender,
        value: JSON.stringify({
          eventId: `odd-${c}-${i}`,
          occurredAt: new Date(startMs + c * 60_000 + i * 1_000).toISOString(),
          sender: campaign.sender,
          recipient: recipient(i),
          text: campaign.text,
        }),
      })),
    );
    // A chat message after the campaigns, beyond the 10 min lateness: event time reaches past their windows (a quiet
    // stream is never fast-forwarded to the wall clock).
    messages.push({
      key: '77015550001',
      value: JSON.stringify({
        eventId: 'odd-later',
        occurredAt: new Date().toISOString(),
        sender: '77015550001',
        recipient: recipient(0),
        text: 'see you at eight',
      }),
    });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: pipeline.topics.sms, messages });
    await producer.disconnect();

    const smishing = (alerts: Awaited<ReturnType<TestPipeline['alerts']>>) =>
      alerts.filter((alert) => alert.ruleId === 'smishing_bulk_sender').map((alert) => alert.entity);
    const alerts = await pipeline.waitForAlerts(
      (current) => CAMPAIGNS.every((campaign) => smishing(current).includes(campaign.entity)),
      90_000,
    );
    expect([...new Set(smishing(alerts))].sort()).toEqual(CAMPAIGNS.map((c) => c.entity).sort());

    const dead = (await readTopicsToEnd(kafka, [pipeline.topics.dlq])).map((r) =>
      deadLetterV1.deserialize(r.value),
    );
    expect(dead.map((letter) => `${letter.reasonCode} ${letter.reason}`)).toEqual([]);

    const sent = (await readTopicsToEnd(kafka, [pipeline.topics.entityEvents]))
      .filter((record) => !record.watermark)
      .map((record) => entityEventV1.deserialize(record.value))
      .filter((event) => event.kind === 'sms_sent');
    const classes = new Map(sent.map((event) => [event.entity, event.features.senderClass]));
    expect(Object.fromEntries(classes)).toEqual({
      'sender:7479990001': 'unrecognized',
      'sender:77479990002': 'msisdn',
      'sender:77015550001': 'msisdn',
      'sender:bank-kz': 'alphanumeric',
      'sender:magnum': 'official',
    });
  }, 150_000);
});
