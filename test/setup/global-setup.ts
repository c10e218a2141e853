import { provideTestStack } from './test-stack';

const STACK_KEY = '__vigilTestStack';

/** Jest global setup of the integration and e2e tiers: provides the real stack and exports its addresses to workers. */
export default async function globalSetup(): Promise<void> {
  const holder = globalThis as Record<string, unknown>;
  if (holder[STACK_KEY]) return;
  const stack = await provideTestStack(process.env);
  holder[STACK_KEY] = stack;
  process.env.KAFKA_BROKERS = stack.kafkaBrokers;
  process.env.CLICKHOUSE_URL = stack.clickhouseUrl;
  console.log(
    `\n[test-stack] using ${stack.source}: KAFKA_BROKERS=${stack.kafkaBrokers} CLICKHOUSE_URL=${stack.clickhouseUrl}`,
  );
}
