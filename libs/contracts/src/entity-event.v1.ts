import { defineContract } from './contract';
import schema from './schemas/entity-event.v1.schema.json';
import type { InputTopic } from './topics';

export const ENTITY_EVENT_KINDS = [
  'sms_in',
  'sms_out',
  'call_in',
  'call_out',
  'topup',
  'transfer_out',
  'transfer_in',
  'premium_charge',
  'sms_sent',
  'call_made',
  'card_topup',
] as const;
export type EntityEventKind = (typeof ENTITY_EVENT_KINDS)[number];

export const PARTY_CLASSES = [
  'home_msisdn',
  'domestic',
  'international',
  'short_number',
  'alphanumeric',
  'official',
  'anonymous',
  'card',
] as const;
export type PartyClass = (typeof PARTY_CLASSES)[number];

export type FeatureValue = boolean | number | string | string[];
export type Features = Record<string, FeatureValue>;

/** vigil.entity-events.v1: one perspective of a raw operator event, keyed by entity. Never carries SMS text. */
export interface EntityEventV1 {
  /** `${sourceEventId}:${kind}`: unique per entity event, identical on replay. */
  eventId: string;
  sourceEventId: string;
  sourceTopic: InputTopic;
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

export const entityEventV1 = defineContract<EntityEventV1>(schema);
