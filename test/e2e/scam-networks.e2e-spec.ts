import {
  blocklistProposalV1,
  networkFindingV1,
  type AlertV1,
  type BlocklistProposalV1,
  type NetworkFindingV1,
} from '@vigil/contracts';
import type { Kafka, Producer } from '@vigil/kafka';
import { readTopicsToEnd } from '../../tools/support/kafka-topic-reader';
import type { ServiceProcess } from '../../tools/support/service-process';
import { HttpSqlExecutor, createClickHouseClient } from '@vigil/clickhouse';
import { approveInConsole } from '../support/console-approval';
import { testKafka } from '../support/kafka-test-kit';
import { TestPipeline } from '../support/pipeline-kit';
import { uniqueTestName } from '../support/test-names';

jest.setTimeout(300_000);

const MINUTE = 60_000;
/** The operator's day being replayed began 26 hours ago: everything in it is in the past for ingest's clock. */
const T0 = Math.floor((Date.now() - 26 * 60 * MINUTE) / MINUTE) * MINUTE;
const at = (minutes: number) => new Date(T0 + minutes * MINUTE).toISOString();

/** The scam caller (a +7 number outside the home network) and its 20 victims, home subscribers. */
const SCAMMER = '77061234567';
const VICTIMS = Array.from({ length: 20 }, (_, i) => `770120000${String(i).padStart(2, '0')}`);
/** A delivery firm calling 30 customers, three of whom happen to top up and get a code afterwards. */
const COURIER = '77271234567';
const CUSTOMERS = Array.from({ length: 30 }, (_, i) => `770130000${String(i).padStart(2, '0')}`);
/** An allow-listed shop (config/networks/allowlist.yaml) paid by ten new customers. */
const SHOP = '77010000101';
const SHOPPERS = Array.from({ length: 10 }, (_, i) => `770140000${String(i).padStart(2, '0')}`);
/** A new SIM paid by eight unrelated subscribers within a day, calling each back like a seller. */
const MULE = '77781234567';
const PAYERS = Array.from({ length: 8 }, (_, i) => `770150000${String(i).padStart(2, '0')}`);

type Raw = { topic: 'sms' | 'calls' | 'payments'; value: object };
let serial = 0;
const id = (kind: string) => `e2e-networks-${kind}-${(serial += 1)}`;
const call = (minutes: number, caller: string, callee: string, durationSec: number): Raw => ({
  topic: 'calls',
  value: { eventId: id('c'), startedAt: at(minutes), caller, callee, answered: true, durationSec },
});
const sms = (minutes: number, sender: string, recipient: string, text: string): Raw => ({
  topic: 'sms',
  value: { eventId: id('s'), occurredAt: at(minutes), sender, recipient, text },
});
const topup = (minutes: number, msisdn: string, amount: number): Raw => ({
  topic: 'payments',
  value: {
    eventId: id('p'),
    occurredAt: at(minutes),
    type: 'topup',
    msisdn,
    amount,
    currency: 'KZT',
    channel: 'voucher',
  },
});
const transfer = (minutes: number, msisdn: string, counterparty: string, amount: number): Raw => ({
  topic: 'payments',
  value: {
    eventId: id('p'),
    occurredAt: at(minutes),
    type: 'transfer',
    msisdn,
    counterparty,
    amount,
    currency: 'KZT',
    channel: 'transfer',
  },
});
const code = (minutes: number, recipient: string): Raw =>
  sms(minutes, 'Kaspi', recipient, `Код подтверждения: ${4000 + (serial % 1000)}. Никому не сообщайте его.`);

/** The unknown caller's pitch, a top-up, the code; every other victim then calls the scammer back with it. */
function campaign(): Raw[] {
  return VICTIMS.flatMap((victim, i) => {
    const start = 60 + i * 6; // 20 victims over 2 hours
    const events = [
      call(start, SCAMMER, victim, 120),
      topup(start + 4, victim, 2000 + 500 * (i % 5)),
      code(start + 6, victim),
    ];
    if (i % 2 === 0) events.push(call(start + 9, victim, SCAMMER, 60));
    return events;
  });
}

function busyLegitimateNumbers(): Raw[] {
  const courier = CUSTOMERS.flatMap((customer, i) => {
    const start = 4 * 60 + i * 6;
    const events = [call(start, COURIER, customer, 60 + (i % 4) * 30)];
    // Three customers pay for their order online: a top-up and a bank's code within the hour of the call.
    if (i % 10 === 3) events.push(topup(start + 15, customer, 3000), code(start + 20, customer));
    return events;
  });
  const shop = SHOPPERS.flatMap((shopper, i) => [
    transfer(5 * 60 + i * 20, shopper, SHOP, 4000 + i * 100),
    call(5 * 60 + i * 20 + 4, SHOP, shopper, 45),
  ]);
  return [...courier, ...shop];
}

function muleDay(): Raw[] {
  return PAYERS.flatMap((payer, i) => [
    transfer(i * 150, payer, MULE, 3000 + i * 500), // 8 payers over 17.5 hours
    call(i * 150 + 5, MULE, payer, 60),
  ]);
}

describe('scam networks e2e', () => {
  let kafka: Kafka;
  let pipeline: TestPipeline;
  let producer: Producer;
  let networks: ServiceProcess;
  /** The console's database (its decision audit) for the approval step. */
  const consoleDatabase = uniqueTestName('vigil_e2e_networks');

  const findings = async (): Promise<NetworkFindingV1[]> =>
    (await readTopicsToEnd(kafka, [pipeline.topics.networkFindings])).map((record) =>
      networkFindingV1.deserialize(record.value),
    );
  const proposals = async (): Promise<BlocklistProposalV1[]> =>
    (await readTopicsToEnd(kafka, [pipeline.topics.blocklistProposals])).map((record) =>
      blocklistProposalV1.deserialize(record.value),
    );
  const latestFinding = async (number: string) =>
    (await findings()).filter((finding) => finding.number === number).at(-1);

  async function waitFor<T>(
    read: () => Promise<T>,
    done: (value: T) => boolean,
    timeoutMs = 90_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline) {
        const alerts = await pipeline.alerts();
        const metrics = await Promise.all(
          ['added', 'duplicate', 'late', 'allow_listed', 'replay_skipped'].map(async (outcome) => [
            outcome,
            await networks.metric('vigil_networks_observations_total', { outcome }),
          ]),
        );
        throw new Error(
          `not reached in ${timeoutMs} ms: ${JSON.stringify(value)}; ${alerts.length} alerts (${alerts.filter((a) => a.lure).length} with a lure); observations ${JSON.stringify(metrics)}; forwarded ${await networks.metric('vigil_networks_observations_forwarded_total', { type: 'lure' })} lure, ${await networks.metric('vigil_networks_observations_forwarded_total', { type: 'transfer' })} transfer\n${networks.logs.slice(-3000)}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }

  beforeAll(async () => {
    kafka = testKafka();
    pipeline = new TestPipeline(kafka);
    await pipeline.createTopics();
    producer = kafka.producer();
    await producer.connect();
    const raw = [...muleDay(), ...campaign(), ...busyLegitimateNumbers()];
    for (const topic of ['sms', 'calls', 'payments'] as const)
      await producer.send({
        topic: pipeline.topics[topic],
        messages: raw
          .filter((record) => record.topic === topic)
          .map((record) => ({ value: JSON.stringify(record.value) })),
      });
    await pipeline.start('ingest', { IDLE_TIMEOUT_MS: '2000' });
    await pipeline.start('correlator');
    networks = await pipeline.start('networks');
  });

  afterAll(async () => {
    await producer?.disconnect();
    await pipeline?.stopAll();
    await pipeline?.deleteTopics();
    const executor = new HttpSqlExecutor(createClickHouseClient({ url: process.env.CLICKHOUSE_URL! }));
    await executor.command(`DROP DATABASE IF EXISTS ${consoleDatabase}`);
    await executor.close();
  });

  it('finds the campaign caller: one finding with all 20 victims and their alerts, one pending proposal', async () => {
    const number = `msisdn:${SCAMMER}`;
    const finding = await waitFor(
      () => latestFinding(number),
      (value) => value?.victimsCount === 20,
    );
    expect(finding).toMatchObject({ role: 'caller', victimsCount: 20 });
    expect([...finding!.victims].sort()).toEqual(VICTIMS.map((victim) => `msisdn:${victim}`).sort());
    const versions = (await findings()).filter((item) => item.number === number);
    expect(new Set(versions.map((item) => item.findingId)).size).toBe(1);

    // Every alert the correlator raised about a victim with the scammer as its lure is evidence, and only those.
    const victimAlerts = (await pipeline.alerts()).filter(
      (alert: AlertV1) => alert.lure?.counterparty === SCAMMER && VICTIMS.includes(alert.entity.slice(7)),
    );
    expect(new Set(victimAlerts.map((alert) => alert.entity)).size).toBe(20);
    expect(victimAlerts.some((alert) => alert.stage === 'confirmed')).toBe(true);
    expect(victimAlerts.some((alert) => alert.stage === 'early_warning')).toBe(true);
    expect(finding!.evidence.map((item) => item.alertId).sort()).toEqual(
      victimAlerts.map((alert) => alert.alertId).sort(),
    );

    const forScammer = (await proposals()).filter((proposal) => proposal.number === number);
    expect(forScammer).toHaveLength(1);
    expect(forScammer[0]).toMatchObject({ status: 'pending', role: 'caller', findingId: finding!.findingId });
  });

  it('approving the proposal in the console API emits the block-list entry, with its expiry and the analyst', async () => {
    const number = `msisdn:${SCAMMER}`;
    const [pending] = (await proposals()).filter((proposal) => proposal.number === number);
    const { proposal, entry, entries } = await approveInConsole(pipeline, kafka, {
      database: consoleDatabase,
      reason: 'Twenty subscribers called within two hours, codes taken',
      matching: (listed) => listed.proposalId === pending.proposalId,
    });
    expect(proposal).toMatchObject({ role: 'caller', number: '***67' });
    expect(entries).toHaveLength(1);
    expect(entry).toMatchObject({
      number,
      role: 'caller',
      proposalId: pending.proposalId,
      campaignId: pending.campaignId,
      approvedBy: 'demo-analyst',
      reason: 'Twenty subscribers called within two hours, codes taken',
    });
    expect(Date.parse(entry.expiresAt) - Date.parse(entry.approvedAt)).toBe(30 * 24 * 60 * MINUTE);
    const decided = (await proposals()).filter((record) => record.number === number);
    expect(decided.map((record) => record.status)).toEqual(['pending', 'approved']);
  });

  it('finds nothing for a busy legitimate caller or an allow-listed shop', async () => {
    // Every alert is in, and the networks service has seen all of it, the courier's customers' alerts included.
    const alerts = await pipeline.waitForQuietAlerts(10_000, 120_000);
    await pipeline.waitForNetworks(120_000);
    expect(alerts.filter((alert) => alert.lure?.counterparty === COURIER).length).toBeGreaterThan(0);
    expect(await networks.metric('vigil_networks_observations_total', { outcome: 'added' })).toBeGreaterThan(
      0,
    );
    const numbers = new Set((await findings()).map((finding) => finding.number));
    expect(numbers.has(`msisdn:${COURIER}`)).toBe(false);
    expect(numbers.has(`msisdn:${SHOP}`)).toBe(false);
  });

  it('finds the mule paid by eight strangers in a day, though no payment alerted alone', async () => {
    const finding = await waitFor(
      () => latestFinding(`msisdn:${MULE}`),
      (value) => value?.victimsCount === 8,
    );
    expect(finding).toMatchObject({ role: 'mule', victimsCount: 8 });
    expect(finding!.evidence.every((item) => item.eventId?.endsWith(':transfer_out'))).toBe(true);
    const payerAlerts = (await pipeline.alerts()).filter((alert) => PAYERS.includes(alert.entity.slice(7)));
    expect(payerAlerts).toEqual([]);
    expect((await proposals()).filter((proposal) => proposal.number === `msisdn:${MULE}`)).toHaveLength(1);
  });
});
