/** The brokers tools talk to: KAFKA_BROKERS, else the local stack on KAFKA_PORT (default 9092). */
export function localBrokers(): string[] {
  return (process.env.KAFKA_BROKERS ?? `127.0.0.1:${process.env.KAFKA_PORT ?? '9092'}`).split(',');
}

/** The ClickHouse tools and services use: CLICKHOUSE_URL, else the local stack on CLICKHOUSE_HTTP_PORT (8123). */
export function localClickHouseUrl(): string {
  return process.env.CLICKHOUSE_URL ?? `http://127.0.0.1:${process.env.CLICKHOUSE_HTTP_PORT ?? '8123'}`;
}
