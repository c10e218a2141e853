// The closed vocabularies of schemas/entity-event.v1.schema.json, in a file of their own so that the fast
// validator and the contract can both import them without a cycle.
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
  // A sender whose id fits no number plan (a 10-digit number, a spoofed format): the SMS still reached the
  // subscriber, so it is kept and classified instead of dead-lettered.
  'unrecognized',
] as const;
export type PartyClass = (typeof PARTY_CLASSES)[number];
