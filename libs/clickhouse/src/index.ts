export * from './clickhouse-options';
export * from './create-clickhouse-client';
export * from './sql-literals';
