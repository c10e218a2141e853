// Test surface of @vigil/analytics (`@vigil/analytics/testing`): fixtures and the dashboard contract suite, for the
// lib's own tests and for tests, benchmarks and tools elsewhere. Never imported by production code.
export * from './analytics-fixtures';
export * from './dashboard-contract.suite';
export * from './network-fixtures';
export * from './networks-contract.suite';
