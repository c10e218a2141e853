import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Where the integration tiers get their real Kafka and ClickHouse from. */
export type StackSource = 'environment' | 'testcontainers' | 'local-stack';

export interface TestStack {
  source: StackSource;
  kafkaBrokers: string;
  clickhouseUrl: string;
  stop(): Promise<void>;
}

const repoRoot = path.resolve(__dirname, '../..');

function dockerEngineAnswers(): boolean {
  try {
    execFileSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'ignore', timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

async function startWithTestcontainers(): Promise<TestStack> {
  // Imported lazily: only machines with a Docker engine need these modules loaded.
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const { ClickHouseContainer } = await import('@testcontainers/clickhouse');
  const [kafka, clickhouse] = await Promise.all([
    new KafkaContainer('apache/kafka:3.9.1').withKraft().start(),
    new ClickHouseContainer('clickhouse/clickhouse-server:25.8')
      .withUsername('default')
      .withPassword('')
      .start(),
  ]);
  return {
    source: 'testcontainers',
    kafkaBrokers: `${kafka.getHost()}:${kafka.getMappedPort(9093)}`,
    clickhouseUrl: clickhouse.getHttpUrl(),
    stop: async () => {
      await Promise.all([kafka.stop(), clickhouse.stop()]);
    },
  };
}

function startLocalStack(): TestStack {
  // The same script a developer runs (`npm run stack:up`); idempotent, so a running stack is reused.
  execFileSync('bash', [path.join(repoRoot, 'scripts/stack/stack.sh'), 'up'], { stdio: 'inherit' });
  return {
    source: 'local-stack',
    kafkaBrokers: `127.0.0.1:${process.env.KAFKA_PORT ?? '9092'}`,
    clickhouseUrl: `http://127.0.0.1:${process.env.CLICKHOUSE_HTTP_PORT ?? '8123'}`,
    // Left running on purpose: later runs and the demo reuse it; `npm run stack:down` stops it.
    stop: async () => undefined,
  };
}

/** KAFKA_BROKERS/CLICKHOUSE_URL when set; else testcontainers when a Docker engine answers; else the local stack. */
export async function provideTestStack(env: NodeJS.ProcessEnv): Promise<TestStack> {
  if (env.KAFKA_BROKERS && env.CLICKHOUSE_URL) {
    return {
      source: 'environment',
      kafkaBrokers: env.KAFKA_BROKERS,
      clickhouseUrl: env.CLICKHOUSE_URL,
      stop: async () => undefined,
    };
  }
  if (dockerEngineAnswers()) return startWithTestcontainers();
  return startLocalStack();
}
