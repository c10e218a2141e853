export * from './config.errors';
export * from './load-config';
export * from './env-fields';
export * from './deployment-mode';
export * from './secret-fields';
export * from './service-fields';
export * from './credentials-file';
