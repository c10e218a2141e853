export * from './msisdn-masking';
export * from './readiness';
export * from './observability.module';
export * from './health.controller';
export * from './metrics.controller';
