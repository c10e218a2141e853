// Public surface of @vigil/backtest: stored entity events replayed through the pure engine, compared rule set
// against rule set, with the verdicts analysts recorded on the live alerts they overlap.
export * from './stored-entity-event';
export * from './stored-entity-events.reader';
export * from './stored-row-decoder';
export * from './partition-replay';
export * from './stored-alerts.repository';
export * from './alert-identity';
export * from './backtest-run';
export * from './backtest-report';
export * from './backtest-report.text';
export * from './rule-documents';
export * from './affected-rules';
export * from './rule-backtest';
