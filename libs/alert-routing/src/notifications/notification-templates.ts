import { NOTIFICATION_LANGUAGES, type NotificationLanguage } from '@vigil/contracts';
import { RoutingConfigError, alertRoutingErrorCodes } from '../alert-routing.errors';
import type { CallCentreNumbers, TemplateTexts } from '../config/routing-config.types';
import { measureSms, type SmsMeasure } from './sms-segments';

/** Every rendered warning fits in this many SMS segments (UCS-2: 134 characters, GSM-7: 306). */
export const MAX_NOTIFICATION_SEGMENTS = 2;

/** Values a template may reference, as `{name}`. */
export type TemplateVariables = { callCentre: string; callCentreAlt: string };
const VARIABLE_NAMES: readonly (keyof TemplateVariables)[] = ['callCentre', 'callCentreAlt'];
const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

/** Substitutes `{name}` placeholders; an unknown name is a configuration error caught at load. */
export function renderTemplate(text: string, variables: TemplateVariables): string {
  return text.replace(
    PLACEHOLDER,
    (_, name: string) => variables[name as keyof TemplateVariables] ?? `{${name}}`,
  );
}

/** The variables of a subscriber warning, taken from configuration. */
export function templateVariables(callCentre: CallCentreNumbers): TemplateVariables {
  return { callCentre: callCentre.primary, callCentreAlt: callCentre.secondary };
}

/**
 * The customer-warning templates, checked once at load: every placeholder known, every language present, and
 * every rendering within MAX_NOTIFICATION_SEGMENTS with the longest values the variables may take.
 */
export class NotificationTemplates {
  private constructor(
    private readonly texts: ReadonlyMap<string, TemplateTexts>,
    private readonly variables: TemplateVariables,
  ) {}

  /** Throws RoutingConfigError naming every template and language that is unusable. */
  static compile(
    templates: Readonly<Record<string, TemplateTexts>>,
    variables: TemplateVariables,
    longestVariables: TemplateVariables,
    source = 'templates',
  ): NotificationTemplates {
    const problems: string[] = [];
    for (const [id, texts] of Object.entries(templates)) {
      for (const language of NOTIFICATION_LANGUAGES) {
        for (const match of texts[language].matchAll(PLACEHOLDER)) {
          if (!VARIABLE_NAMES.includes(match[1] as keyof TemplateVariables)) {
            problems.push(`${id}.${language}: unknown placeholder {${match[1]}}`);
          }
        }
        const measure = measureSms(renderTemplate(texts[language], longestVariables));
        if (measure.segments > MAX_NOTIFICATION_SEGMENTS) {
          problems.push(
            `${id}.${language}: ${measure.units} ${measure.encoding} units need ${measure.segments} segments (max ${MAX_NOTIFICATION_SEGMENTS})`,
          );
        }
      }
    }
    if (problems.length > 0)
      throw new RoutingConfigError(alertRoutingErrorCodes.TEMPLATE_OVER_BUDGET, source, problems);
    return new NotificationTemplates(new Map(Object.entries(templates)), variables);
  }

  has(templateId: string): boolean {
    return this.texts.has(templateId);
  }

  ids(): string[] {
    return [...this.texts.keys()];
  }

  /** The warning text of `templateId` in `language`; the template is known (checked at load). */
  render(templateId: string, language: NotificationLanguage): string {
    const texts = this.texts.get(templateId);
    if (!texts) throw new RangeError(`unknown template ${templateId}`);
    return renderTemplate(texts[language], this.variables);
  }

  measure(templateId: string, language: NotificationLanguage): SmsMeasure {
    return measureSms(this.render(templateId, language));
  }
}
