import type { AlertStage, NotificationLanguage, Severity, Typology } from '@vigil/contracts';

/** An outbound webhook: which alerts it receives; the signing secret comes from the environment, never from YAML. */
export interface WebhookTarget {
  id: string;
  url: string;
  minSeverity: Severity;
  /** Empty means every typology. */
  typologies: readonly Typology[];
}

/** One customer-warning text in the three languages, with `{callCentre}` / `{callCentreAlt}` placeholders. */
export type TemplateTexts = Readonly<Record<NotificationLanguage, string>>;

/** Which template warns the subscriber about an alert of this typology and stage. */
export interface TemplateMapping {
  typology: Typology;
  stages: readonly AlertStage[];
  template: string;
}

/** The operator's call-centre numbers the templates tell subscribers to call (advisory: 9090, 3030). */
export interface CallCentreNumbers {
  primary: string;
  secondary: string;
}

/** Everything that decides where an alert goes, validated at boot. */
export interface RoutingConfig {
  suppression: {
    /** Cool-down per typology: a repeat of the same entity and typology within it is folded into the first. */
    cooldownMsByTypology: Readonly<Record<Typology, number>>;
  };
  notifications: {
    /** At most one notification per subscriber per template within this window. */
    cooldownMs: number;
    defaultLanguage: NotificationLanguage;
    /** Subscribers (MSISDN digits) who never receive warnings, on top of the preference topic's optOut flag. */
    optOut: ReadonlySet<string>;
    callCentre: CallCentreNumbers;
    templates: Readonly<Record<string, TemplateTexts>>;
    mappings: readonly TemplateMapping[];
  };
  webhooks: readonly WebhookTarget[];
}
