/**
 * Kafka admin tasks for the local stack: wait until the broker answers a metadata request, create Vigil's topics.
 * Usage: kafka-admin.ts wait [--timeout-sec N] | create-topics [--partitions N]
 */
import { TOPIC_SPECS } from '@vigil/contracts';
import { createKafka, ensureTopics } from '@vigil/kafka';
import { parseArgs } from 'node:util';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
// Silent, no retries, 1 s per connection attempt: the wait loop below retries, and says why it gives up.
const kafka = createKafka({ clientId: 'vigil-stack', brokers, retries: 0, connectionTimeoutMs: 1_000 });

async function waitForBroker(timeoutSec: number): Promise<void> {
  const deadline = Date.now() + timeoutSec * 1000;
  for (;;) {
    const admin = kafka.admin();
    try {
      await admin.connect();
      await admin.describeCluster();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}

async function createTopics(defaultPartitions: number): Promise<void> {
  const created = await ensureTopics(kafka, TOPIC_SPECS, defaultPartitions);
  if (created.length > 0) console.error(`[stack] created topics: ${created.join(', ')}`);
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      'timeout-sec': { type: 'string', default: '120' },
      partitions: { type: 'string', default: '12' },
    },
  });
  switch (positionals[0]) {
    case 'wait':
      return waitForBroker(Number(values['timeout-sec']));
    case 'create-topics':
      return createTopics(Number(values.partitions));
    default:
      throw new Error(`unknown command "${positionals[0] ?? ''}"; expected wait | create-topics`);
  }
}

main().catch((error: unknown) => {
  console.error(`[stack] kafka-admin: ${(error as Error).message}`);
  process.exit(1);
});
