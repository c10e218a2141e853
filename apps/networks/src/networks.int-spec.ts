import type { INestApplication } from '@nestjs/common';
import {
  blocklistProposalV1,
  networkFindingV1,
  prefixedTopicSpecs,
  topicNames,
  type AlertV1,
  type EntityEventV1,
  type NetworkFindingV1,
} from '@vigil/contracts';
import { bootstrapKafkaService, ensureTopics, type Kafka, type Producer } from '@vigil/kafka';
import { testKafka } from '../../../test/support/kafka-test-kit';
import { uniqueTestName } from '../../../test/support/test-names';
import { readTopicsToEnd } from '../../../tools/support/kafka-topic-reader';
import { loadNetworksSettings } from './networks.config';
import { NetworksModule } from './networks.module';
import { checkNetworksTopics } from './networks-topics.check';

jest.setTimeout(120_000);

const MINUTE = 60_000;
const T0 = Date.parse('2026-11-25T08:00:00Z');
const CALLER = '77471112233';
const DECIDED_CALLER = '77472223344';
const MULE = '77780001122';
const subscriber = (i: number) => `msisdn:7701${String(i).padStart(7, '0')}`;

function lureAlert(i: number, caller: string): AlertV1 {
  const at = new Date(T0 + i * 5 * MINUTE).toISOString();
  return {
    alertId: `alert-${caller}-${i}`,
    ruleId: 'prize_code_theft',
    ruleVersion: 3,
    typology: 'prize_code_theft',
    severity: 'high',
    stage: 'early_warning',
    entity: subscriber(i),
    counterparties: [caller],
    detectedAt: at,
    firstEventAt: at,
    lastEventAt: at,
    evidence: [{ eventId: `c${i}:call_in`, kind: 'call_in', occurredAt: at, step: 'lure' }],
    explanation: 'Unknown caller, top-up, code.',
    lure: { counterparty: caller, role: 'caller' },
  };
}

function entityEvent(
  i: number,
  kind: 'sms_in' | 'transfer_out',
  counterparty: string,
  atMs: number,
): EntityEventV1 {
  return {
    eventId: `e${i}-${kind}-${atMs}:${kind}`,
    sourceEventId: `e${i}-${kind}-${atMs}`,
    sourceTopic: kind === 'sms_in' ? 'telco.sms.v1' : 'telco.payments.v1',
    entity: subscriber(100 + i),
    kind,
    occurredAt: new Date(atMs).toISOString(),
    ingestedAt: new Date(atMs).toISOString(),
    counterparty,
    counterpartyClass: 'home_msisdn',
    ...(kind === 'transfer_out' ? { amount: 3000, currency: 'KZT', channel: 'transfer' } : {}),
    features: {},
  };
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('networks service on the real broker', () => {
  const prefix = `${uniqueTestName('networks')}.`;
  const topics = topicNames(prefix);
  let kafka: Kafka;
  let producer: Producer;
  const apps: INestApplication[] = [];

  const start = async () => {
    const settings = loadNetworksSettings({
      KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '',
      VIGIL_TOPIC_PREFIX: prefix,
      VIGIL_ENV: 'development',
      NETWORKS_REPARTITION_GROUP_ID: `${prefix}repartition`,
      NETWORKS_DETECTION_GROUP_ID: `${prefix}detection`,
      FETCH_MAX_WAIT_MS: '50',
      LOG_LEVEL: 'silent',
    });
    const app = await bootstrapKafkaService({
      module: NetworksModule.forRoot(settings),
      httpHost: '127.0.0.1',
      httpPort: 0,
    });
    apps.push(app);
    return app;
  };
  const stop = async (app: INestApplication) => {
    apps.splice(apps.indexOf(app), 1);
    await app.close();
  };
  const findings = async (): Promise<NetworkFindingV1[]> =>
    (await readTopicsToEnd(kafka, [topics.networkFindings])).map((record) =>
      networkFindingV1.deserialize(record.value),
    );
  const produceAlerts = (alerts: AlertV1[]) =>
    producer.send({
      topic: topics.alerts,
      messages: alerts.map((alert) => ({ key: alert.entity, value: JSON.stringify(alert) })),
    });
  const produceEvents = (events: EntityEventV1[]) =>
    producer.send({
      topic: topics.entityEvents,
      messages: events.map((event) => ({ key: event.entity, value: JSON.stringify(event) })),
    });
  const latestOf = async (number: string) =>
    (await findings()).filter((finding) => finding.number === number).at(-1);

  beforeAll(async () => {
    kafka = testKafka();
    await ensureTopics(kafka, prefixedTopicSpecs(prefix), 3);
    producer = kafka.producer();
    await producer.connect();
    // An analyst already approved blocking this caller: it is found again, never proposed again.
    await producer.send({
      topic: topics.blocklistProposals,
      messages: [
        {
          key: `msisdn:${DECIDED_CALLER}`,
          value: blocklistProposalV1.serialize({
            proposalId: 'earlier',
            number: `msisdn:${DECIDED_CALLER}`,
            role: 'caller',
            campaignId: 'cmp-earlier',
            findingId: 'earlier',
            victimsCount: 7,
            score: 0.8,
            evidenceAlertIds: ['x'],
            proposedAt: new Date(T0 - 86_400_000).toISOString(),
            status: 'approved',
            decidedBy: 'analyst@operator',
            decidedAt: new Date(T0 - 86_000_000).toISOString(),
            reason: 'confirmed campaign',
          }),
        },
      ],
    });
  });

  afterAll(async () => {
    for (const app of apps.splice(0)) await app.close();
    await producer?.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: Object.values(topics) }).catch(() => undefined);
    await admin.disconnect();
  });

  it('finds a caller across a restart with one finding id and one proposal, and remembers contacts', async () => {
    const first = await start();
    // Subscriber 100 texted with the would-be mule before: its later transfer is no first contact.
    await produceEvents([entityEvent(0, 'sms_in', MULE, T0 - 2 * 86_400_000)]);
    await produceAlerts([...[0, 1, 2, 3, 4, 5].map((i) => lureAlert(i, CALLER))]);
    await produceAlerts([...[50, 51, 52, 53, 54].map((i) => lureAlert(i, DECIDED_CALLER))]);
    await waitFor(async () => (await latestOf(`msisdn:${CALLER}`))?.victimsCount === 6);
    await waitFor(async () => (await latestOf(`msisdn:${DECIDED_CALLER}`))?.victimsCount === 5);
    await stop(first);

    await start();
    // The rest of the campaign, a replay of its first alerts (a correlator crash), and the mule's payers.
    await produceAlerts([...[0, 1, 2, 6, 7, 8, 9, 10, 11].map((i) => lureAlert(i, CALLER))]);
    await produceEvents(
      [0, 1, 2, 3, 4].map((i) => entityEvent(i, 'transfer_out', MULE, T0 + (60 + i * 30) * MINUTE)),
    );
    await waitFor(async () => (await latestOf(`msisdn:${CALLER}`))?.victimsCount === 12);

    const callerFindings = (await findings()).filter((finding) => finding.number === `msisdn:${CALLER}`);
    expect(new Set(callerFindings.map((finding) => finding.findingId)).size).toBe(1);
    // Each version adds victims: the restart and the replay re-emitted nothing.
    const counts = callerFindings.map((finding) => finding.victimsCount);
    expect(counts).toEqual([...new Set(counts)].sort((a, b) => a - b));
    expect(
      callerFindings
        .at(-1)!
        .evidence.map((item) => item.alertId)
        .sort(),
    ).toEqual(Array.from({ length: 12 }, (_, i) => `alert-${CALLER}-${i}`).sort());

    // Four strangers paid the mule for the first time; subscriber 100 knew it, so the threshold (5) is not met.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await latestOf(`msisdn:${MULE}`)).toBeUndefined();
    await produceEvents([entityEvent(5, 'transfer_out', MULE, T0 + 4 * 60 * MINUTE)]);
    await waitFor(async () => (await latestOf(`msisdn:${MULE}`))?.victimsCount === 5);
    expect((await latestOf(`msisdn:${MULE}`))!.role).toBe('mule');

    const proposals = (await readTopicsToEnd(kafka, [topics.blocklistProposals])).map((record) =>
      blocklistProposalV1.deserialize(record.value),
    );
    const pending = proposals.filter((proposal) => proposal.status === 'pending');
    expect(pending.map((proposal) => proposal.number).sort()).toEqual([`msisdn:${CALLER}`, `msisdn:${MULE}`]);
    // Proposed when the finding was first emitted: the alerts as of then, 5 or 6 of them depending on whether the
    // three partitions' first alerts reached the service in one batch or in several.
    const proposed = pending.find((proposal) => proposal.number === `msisdn:${CALLER}`)!.evidenceAlertIds;
    expect(proposed.length).toBeGreaterThanOrEqual(5);
    expect(Array.from({ length: 6 }, (_, i) => `alert-${CALLER}-${i}`)).toEqual(
      expect.arrayContaining(proposed),
    );
  });

  it('refuses state topics that are not co-partitioned with their input (checked before the consumers start)', async () => {
    const otherPrefix = `${uniqueTestName('networks-bad')}.`;
    const other = topicNames(otherPrefix);
    await ensureTopics(
      kafka,
      prefixedTopicSpecs(otherPrefix).map((spec) =>
        spec.name === other.networkContactsState ? { ...spec, partitions: 2 } : spec,
      ),
      3,
    );
    try {
      await expect(checkNetworksTopics(kafka, other)).rejects.toThrow(
        /network-contacts-state\.v1 has 2 partitions, .*entity-events\.v1 has 3: state must be co-partitioned/,
      );
      await expect(checkNetworksTopics(kafka, topics)).resolves.toBeUndefined();
    } finally {
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteTopics({ topics: Object.values(other) }).catch(() => undefined);
      await admin.disconnect();
    }
  });
});
