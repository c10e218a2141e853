export * from './partition-changelog.options';
export * from './partition-changelog';
