import { defineContract } from './contract';
import { isValidEntityEventFast } from './entity-event.v1.fast-check';
import type { EntityEventKind, PartyClass } from './entity-event.v1.vocabulary';
import schema from './schemas/entity-event.v1.schema.json';
import type { InputTopic } from './topics';

export { ENTITY_EVENT_KINDS, PARTY_CLASSES } from './entity-event.v1.vocabulary';
export type { EntityEventKind, PartyClass } from './entity-event.v1.vocabulary';

export type FeatureValue = boolean | number | string | string[];
export type Features = Record<string, FeatureValue>;

/** vigil.entity-events.v1: one perspective of a raw operator event, keyed by entity. Never carries SMS text. */
export interface EntityEventV1 {
  /** `${sourceEventId}:${kind}`: unique per entity event, identical on replay. */
  eventId: string;
  sourceEventId: string;
  sourceTopic: InputTopic;
  /** Input partition and offset of the raw record: the correlator skips a record an ingest replay produced again. */
  sourcePartition?: number;
  sourceOffset?: string;
  /** `msisdn:<digits>`, `sender:<id>` or `card:<token>`. */
  entity: string;
  kind: EntityEventKind;
  occurredAt: string;
  ingestedAt: string;
  counterparty?: string;
  counterpartyClass?: PartyClass;
  amount?: number;
  currency?: string;
  channel?: string;
  answered?: boolean;
  durationSec?: number;
  features: Features;
}

/** Validated through a hand-written fast check first: the correlator decodes every entity event. */
export const entityEventV1 = defineContract<EntityEventV1>(schema, isValidEntityEventFast);
