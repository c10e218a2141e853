import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { TYPOLOGIES, type Typology } from '@vigil/contracts';
import { RoutingConfigError, alertRoutingErrorCodes } from '../alert-routing.errors';
import { NotificationTemplates, templateVariables } from '../notifications/notification-templates';
import {
  CALL_CENTRE_NUMBER_MAX_LENGTH,
  routingFileSchema,
  templatesFileSchema,
} from './routing-config.schema';
import type { RoutingConfig } from './routing-config.types';

export const ROUTING_CONFIG_FILES = { routing: 'routing.yaml', templates: 'templates.yaml' } as const;

/** Routing policy plus its compiled templates, ready for the router. */
export interface LoadedRoutingConfig {
  config: RoutingConfig;
  templates: NotificationTemplates;
}

// The longest values a template variable may take: templates are checked against them, not against today's numbers.
const LONGEST_NUMBER = '0'.repeat(CALL_CENTRE_NUMBER_MAX_LENGTH);
export const LONGEST_TEMPLATE_VARIABLES = { callCentre: LONGEST_NUMBER, callCentreAlt: LONGEST_NUMBER };

function parseDocument<S extends z.ZodType>(text: string | object, schema: S, source: string): z.infer<S> {
  let doc: unknown = text;
  if (typeof text === 'string') {
    try {
      doc = parseYaml(text);
    } catch (error) {
      throw new RoutingConfigError(alertRoutingErrorCodes.INVALID_ROUTING_CONFIG, source, [
        `(root): not valid YAML (${(error as Error).message})`,
      ]);
    }
  }
  const result = schema.safeParse(doc);
  if (!result.success) {
    throw new RoutingConfigError(
      alertRoutingErrorCodes.INVALID_ROUTING_CONFIG,
      source,
      result.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`),
    );
  }
  return result.data;
}

/** Validates routing and template documents (YAML text or objects); throws RoutingConfigError naming every problem. */
export function parseRoutingConfig(sources: {
  routing: string | object;
  templates: string | object;
}): LoadedRoutingConfig {
  const routing = parseDocument(sources.routing, routingFileSchema, ROUTING_CONFIG_FILES.routing);
  const templateFile = parseDocument(sources.templates, templatesFileSchema, ROUTING_CONFIG_FILES.templates);
  const unknown = routing.notifications.mappings
    .filter((mapping) => !(mapping.template in templateFile.templates))
    .map((mapping) => `notifications.mappings: ${mapping.typology} → unknown template ${mapping.template}`);
  const webhookIds = routing.webhooks.map((webhook) => webhook.id);
  const repeatedIds = webhookIds.filter((id, index) => webhookIds.indexOf(id) !== index);
  unknown.push(...repeatedIds.map((id) => `webhooks: id ${id} used twice`));
  if (unknown.length > 0) {
    throw new RoutingConfigError(
      alertRoutingErrorCodes.INVALID_ROUTING_CONFIG,
      ROUTING_CONFIG_FILES.routing,
      unknown,
    );
  }
  const cooldownMsByTypology = Object.fromEntries(
    TYPOLOGIES.map((typology) => [
      typology,
      routing.suppression.cooldownMs[typology] ?? routing.suppression.defaultCooldownMs,
    ]),
  ) as Record<Typology, number>;
  const templates = NotificationTemplates.compile(
    templateFile.templates,
    templateVariables(routing.notifications.callCentre),
    LONGEST_TEMPLATE_VARIABLES,
    ROUTING_CONFIG_FILES.templates,
  );
  return {
    templates,
    config: {
      suppression: { cooldownMsByTypology },
      notifications: {
        cooldownMs: routing.notifications.cooldownMs,
        defaultLanguage: routing.notifications.defaultLanguage,
        optOut: new Set(routing.notifications.optOut),
        callCentre: routing.notifications.callCentre,
        templates: templateFile.templates,
        mappings: routing.notifications.mappings,
      },
      webhooks: routing.webhooks,
    },
  };
}

/** Reads `routing.yaml` and `templates.yaml` from `directory`. */
export function loadRoutingConfig(directory: string): LoadedRoutingConfig {
  return parseRoutingConfig({
    routing: readFileSync(join(directory, ROUTING_CONFIG_FILES.routing), 'utf8'),
    templates: readFileSync(join(directory, ROUTING_CONFIG_FILES.templates), 'utf8'),
  });
}
