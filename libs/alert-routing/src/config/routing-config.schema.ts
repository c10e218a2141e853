import { z } from 'zod';
import { ALERT_STAGES, NOTIFICATION_LANGUAGES, SEVERITIES, TYPOLOGIES } from '@vigil/contracts';

/** Call-centre numbers are short codes or landline numbers such as `8(727)2588300`; 13 characters at most. */
export const CALL_CENTRE_NUMBER_MAX_LENGTH = 13;
const callCentreNumber = z
  .string()
  .regex(/^[0-9+()-]+$/, 'digits, +, ( ) and - only')
  .min(3)
  .max(CALL_CENTRE_NUMBER_MAX_LENGTH);

const durationMs = z.number().int().positive();
const templateId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case template id');

/** `config/alert-router/routing.yaml`: suppression cool-downs, notification policy and webhooks. */
export const routingFileSchema = z.object({
  suppression: z.object({
    defaultCooldownMs: durationMs,
    cooldownMs: z.partialRecord(z.enum(TYPOLOGIES), durationMs).default({}),
  }),
  notifications: z.object({
    cooldownMs: durationMs,
    defaultLanguage: z.enum(NOTIFICATION_LANGUAGES),
    optOut: z.array(z.string().regex(/^[0-9]{10,15}$/, 'MSISDN digits')).default([]),
    callCentre: z.object({ primary: callCentreNumber, secondary: callCentreNumber }),
    mappings: z
      .array(
        z.object({
          typology: z.enum(TYPOLOGIES),
          stages: z.array(z.enum(ALERT_STAGES)).min(1),
          template: templateId,
        }),
      )
      .default([]),
  }),
  webhooks: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case id'),
        url: z.url({ protocol: /^https?$/ }),
        minSeverity: z.enum(SEVERITIES),
        typologies: z.array(z.enum(TYPOLOGIES)).default([]),
      }),
    )
    .default([]),
});
export type RoutingFile = z.infer<typeof routingFileSchema>;

/** `config/alert-router/templates.yaml`: template id → text per language. */
export const templatesFileSchema = z.object({
  templates: z.record(
    templateId,
    z.object({ kk: z.string().min(1), ru: z.string().min(1), en: z.string().min(1) }),
  ),
});
export type TemplatesFile = z.infer<typeof templatesFileSchema>;
