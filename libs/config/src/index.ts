export * from './config.errors';
export * from './load-config';
export * from './env-fields';
