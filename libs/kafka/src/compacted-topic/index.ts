export * from './compacted-topic-reader.options';
export * from './compacted-topic-reader';
export * from './compacted-table';
