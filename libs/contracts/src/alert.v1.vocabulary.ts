// The closed vocabularies of schemas/alert.v1.schema.json, in a file of their own so that the fast check and the
// contract can both import them without a cycle.
export const TYPOLOGIES = [
  'prize_code_theft',
  'false_prize_payment',
  'relative_in_trouble',
  'premium_sms_lure',
  'premium_sms_malware',
  'smishing_bulk_sender',
  'brand_phishing_link',
  'spyware_offer',
  'stolen_card_topups',
  'unsolicited_transfer_request',
] as const;
export type Typology = (typeof TYPOLOGIES)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const ALERT_STAGES = ['early_warning', 'confirmed'] as const;
export type AlertStage = (typeof ALERT_STAGES)[number];
