import { tabSeparatedString as tsv } from '@vigil/clickhouse';
import type { EntityEventV1 } from '@vigil/contracts';
import { SubscriberPseudonymizer } from '../pseudonym/subscriber-pseudonymizer';
import { millisecondsOf, toDateTimeText } from './date-time-text';

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
  /** The milliseconds `occurred_at` (whole seconds) leaves out: windows and event order are measured in ms. */
  occurred_ms: number;
  [column: string]: unknown;
}

/**
 * Maps an entity event to its row. The event carries no SMS text by contract; string features are length-capped by
 * that contract too. Entity and counterparty numbers become keyed hashes plus masked display forms.
 */
export function toEntityEventRow(event: EntityEventV1, pseudonyms: SubscriberPseudonymizer): EntityEventRow {
  const entity = pseudonyms.entity(event.entity);
  const counterparty = event.counterparty ? pseudonyms.party(event.counterparty) : NO_PARTY;
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
    features_json: featuresJson(event.features, pseudonyms),
    occurred_ms: millisecondsOf(event.occurredAt),
  };
}

const NO_PARTY = Object.freeze({ key: '', display: '' });

/** Columns of `entity_events` in the order `toEntityEventRow` builds them (and `entityEventTsvLine` writes them). */
export const ENTITY_EVENT_COLUMNS = [
  'event_id',
  'source_event_id',
  'source_topic',
  'entity_type',
  'entity_key',
  'entity_display',
  'kind',
  'occurred_at',
  'ingested_at',
  'counterparty_key',
  'counterparty_display',
  'counterparty_class',
  'amount',
  'currency',
  'channel',
  'answered',
  'duration_sec',
  'has_url',
  'features_json',
  'occurred_ms',
] as const satisfies readonly (keyof EntityEventRow)[];

/**
 * An entity event as one TabSeparated line of `entity_events` in `ENTITY_EVENT_COLUMNS` order: byte-identical to
 * `toTabSeparated(ENTITY_EVENT_COLUMNS, [toEntityEventRow(event, pseudonyms)])`, but without the row object and the
 * per-value type dispatch in between (the sink's hot path). Numbers come from JSON, hence finite.
 */
export function entityEventTsvLine(event: EntityEventV1, pseudonyms: SubscriberPseudonymizer): string {
  const entity = pseudonyms.entity(event.entity);
  const party = event.counterparty ? pseudonyms.party(event.counterparty) : undefined;
  return (
    `${tsv(event.eventId)}\t${tsv(event.sourceEventId)}\t${tsv(event.sourceTopic)}\t` +
    `${tsv(entity.type)}\t${tsv(entity.key)}\t${tsv(entity.display)}\t${tsv(event.kind)}\t` +
    `${toDateTimeText(event.occurredAt)}\t${toDateTimeText(event.ingestedAt)}\t` +
    (party ? `${tsv(party.key)}\t${tsv(party.display)}\t` : '\t\t') +
    `${event.counterpartyClass ? tsv(event.counterpartyClass) : ''}\t${event.amount ?? 0}\t` +
    `${event.currency ? tsv(event.currency) : ''}\t${event.channel ? tsv(event.channel) : ''}\t` +
    `${event.answered ? 1 : 0}\t${event.durationSec ?? 0}\t${event.features.hasUrl === true ? 1 : 0}\t` +
    `${tsv(featuresJson(event.features, pseudonyms))}\t${millisecondsOf(event.occurredAt)}\n`
  );
}

const HAS_DIGIT = /\d/;

// Features rarely hold digits (flags, domains, classes): then nothing can be a number to pseudonymize, and the
// parsed object is serialized as it is instead of being copied first.
function featuresJson(features: EntityEventV1['features'], pseudonyms: SubscriberPseudonymizer): string {
  for (const name in features) {
    const value = features[name];
    if (typeof value === 'string' ? HAS_DIGIT.test(value) : Array.isArray(value)) {
      return JSON.stringify(pseudonymizeFeatures(features, pseudonyms));
    }
  }
  return JSON.stringify(features);
}

// Features are derived values (flags, domains, short numbers). A full phone number among them is stored as the same
// keyed hash its counterparty column gets, not as a masked form: a rule compares a feature with a later event's
// counterparty (`counterpartyIn: $lure.features.referencedShortNumbers`), and a back-test over stored events must
// find the two equal exactly when the live correlator did. Short numbers are not phone numbers and stay as they are.
function pseudonymizeFeatures(
  features: EntityEventV1['features'],
  pseudonyms: SubscriberPseudonymizer,
): EntityEventV1['features'] {
  const out: EntityEventV1['features'] = {};
  const pseudonymize = (value: string): string =>
    SubscriberPseudonymizer.isPhoneNumber(value)
      ? pseudonyms.party(value).key
      : SubscriberPseudonymizer.maskText(value);
  for (const [name, value] of Object.entries(features)) {
    if (typeof value === 'string') out[name] = pseudonymize(value);
    else if (Array.isArray(value)) out[name] = value.map(pseudonymize);
    else out[name] = value;
  }
  return out;
}
