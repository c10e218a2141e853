// Integration tests talk to real services; a missing address means global setup did not run.
if (!process.env.KAFKA_BROKERS || !process.env.CLICKHOUSE_URL) {
  throw new Error('KAFKA_BROKERS and CLICKHOUSE_URL must be set by test/setup/global-setup.ts');
}
