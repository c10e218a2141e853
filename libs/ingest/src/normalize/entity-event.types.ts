import type { Clock, EntityEventV1 } from '@vigil/contracts';
import type { IngestConfig } from '../config/ingest-config.types';

/** One entity event with its Kafka partition key (the entity), ready to produce to vigil.entity-events.v1. */
export interface EntityEventRecord {
  /** Partition key: equals `value.entity`, so everything about one entity lands in one partition. */
  readonly key: string;
  readonly value: EntityEventV1;
}

/** What normalization depends on. */
export interface NormalizeOptions {
  readonly config: IngestConfig;
  /** Source of `ingestedAt`. */
  readonly clock: Clock;
}
