import { resolve } from 'node:path';
import { loadIngestConfig } from '../config/ingest-config.loader';
import type { IngestConfig } from '../config/ingest-config.types';

/** The repository's own configuration folder. */
export const INGEST_CONFIG_DIR = resolve(__dirname, '../../../../config/ingest');

let cached: IngestConfig | undefined;

/** The shipped ingest configuration, loaded once per test file. */
export function shippedIngestConfig(): IngestConfig {
  cached ??= loadIngestConfig(INGEST_CONFIG_DIR);
  return cached;
}
