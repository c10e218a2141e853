export * from './compacted-topic-reader.options';
export * from './compacted-topic-reader';
