/** Lure features, one per lexicon category of `lexicons.yaml` (`lures:`). */
export const LURE_FEATURES = [
  'prizeLure',
  'voiceMessageLure',
  'activationLure',
  'virusLure',
  'spywareOffer',
  'mediaLure',
  'codeRequest',
  'moneyRequest',
  'bankImpersonation',
  'fineDebtLure',
  'parcelLure',
  'loanLure',
  'premiumBaitLure',
  'subscriptionLure',
  'numberServiceLure',
  'socialLinkLure',
  'jobOfferLure',
] as const;
export type LureFeature = (typeof LURE_FEATURES)[number];
