import type { EntityEventV1 } from '@vigil/contracts';
import { SubscriberPseudonymizer } from '../pseudonym/subscriber-pseudonymizer';
import { toDateTimeText } from './date-time-text';

/** One row of `entity_events`: features only, numbers pseudonymized. */
export interface EntityEventRow {
  event_id: string;
  source_event_id: string;
  source_topic: string;
  entity_type: string;
  entity_key: string;
  entity_display: string;
  kind: string;
  occurred_at: string;
  ingested_at: string;
  counterparty_key: string;
  counterparty_display: string;
  counterparty_class: string;
  amount: number;
  currency: string;
  channel: string;
  answered: number;
  duration_sec: number;
  has_url: number;
  features_json: string;
  [column: string]: unknown;
}

/**
 * Maps an entity event to its row. The event carries no SMS text by contract; string features are length-capped by
 * that contract too. Entity and counterparty numbers become keyed hashes plus masked display forms.
 */
export function toEntityEventRow(event: EntityEventV1, pseudonyms: SubscriberPseudonymizer): EntityEventRow {
  const entity = pseudonyms.entity(event.entity);
  const counterparty = event.counterparty ? pseudonyms.party(event.counterparty) : { key: '', display: '' };
  return {
    event_id: event.eventId,
    source_event_id: event.sourceEventId,
    source_topic: event.sourceTopic,
    entity_type: entity.type,
    entity_key: entity.key,
    entity_display: entity.display,
    kind: event.kind,
    occurred_at: toDateTimeText(event.occurredAt),
    ingested_at: toDateTimeText(event.ingestedAt),
    counterparty_key: counterparty.key,
    counterparty_display: counterparty.display,
    counterparty_class: event.counterpartyClass ?? '',
    amount: event.amount ?? 0,
    currency: event.currency ?? '',
    channel: event.channel ?? '',
    answered: event.answered ? 1 : 0,
    duration_sec: event.durationSec ?? 0,
    has_url: event.features.hasUrl === true ? 1 : 0,
    features_json: JSON.stringify(pseudonymizeFeatures(event.features)),
  };
}

// Features are derived values (flags, domains, short numbers); a full phone number among them is still hashed.
function pseudonymizeFeatures(features: EntityEventV1['features']): EntityEventV1['features'] {
  const out: EntityEventV1['features'] = {};
  for (const [name, value] of Object.entries(features)) {
    if (typeof value === 'string') out[name] = maskIfNumber(value);
    else if (Array.isArray(value)) out[name] = value.map(maskIfNumber);
    else out[name] = value;
  }
  return out;
}

function maskIfNumber(value: string): string {
  return SubscriberPseudonymizer.isPhoneNumber(value)
    ? SubscriberPseudonymizer.mask(value)
    : SubscriberPseudonymizer.maskText(value);
}
