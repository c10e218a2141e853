/** Injection tokens of the ingest app. */
export const INGEST_ENV = Symbol('INGEST_ENV');
export const INGEST_PROCESSOR = Symbol('INGEST_PROCESSOR');
export const TOPICS = Symbol('TOPICS');
export const SOURCE_PROGRESS = Symbol('SOURCE_PROGRESS');
