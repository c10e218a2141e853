// Test surface of @vigil/contracts (`@vigil/contracts/testing`): fixtures and schema-soundness checks, for the lib's
// own tests and for tests, benchmarks and tools elsewhere. Never imported by production code.
export * from './fast-check-soundness';
export * from './odd-values.arbitrary';
export * from './risk-pattern.fixtures';
