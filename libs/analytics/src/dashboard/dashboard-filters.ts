import { z } from 'zod';
import { ENTITY_EVENT_KINDS, ALERT_STAGES, SEVERITIES, TYPOLOGIES } from '@vigil/contracts';
import { DashboardFilterError } from './dashboard.errors';

const MAX_RANGE_DAYS = 400;

/** A time instant: a Date or an ISO-8601 string. */
export const instant = z
  .union([z.date(), z.iso.datetime({ offset: true })])
  .transform((value) => new Date(value))
  .refine((value) => !Number.isNaN(value.getTime()), 'a valid time');

/** Half-open interval [from, to) of at most MAX_RANGE_DAYS. */
export const timeRange = z
  .object({ from: instant, to: instant })
  // zod runs refinements even when a field already failed: check the types before comparing.
  .refine(({ from, to }) => !areDates(from, to) || from < to, 'from must be before to')
  .refine(
    ({ from, to }) => !areDates(from, to) || to.getTime() - from.getTime() <= MAX_RANGE_DAYS * 86_400_000,
    `range longer than ${MAX_RANGE_DAYS} days`,
  );

/** True when both values are valid Dates (refinements see raw input when a field failed). */
export function areDates(from: unknown, to: unknown): boolean {
  return isValidDate(from) && isValidDate(to);
}

function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

/** Chart bucket sizes in minutes: an allow-list, so the bucket arithmetic stays index-friendly. */
export const BUCKET_MINUTES = [1, 5, 15, 60, 360, 1440] as const;
export const bucketMinutes = z
  .number()
  .refine(
    (value) => (BUCKET_MINUTES as readonly number[]).includes(value),
    `one of ${BUCKET_MINUTES.join(', ')}`,
  );

export const typologies = z.array(z.enum(TYPOLOGIES)).max(TYPOLOGIES.length);
export const severities = z.array(z.enum(SEVERITIES)).max(SEVERITIES.length);
export const stages = z.array(z.enum(ALERT_STAGES)).max(ALERT_STAGES.length);
export const eventKinds = z.array(z.enum(ENTITY_EVENT_KINDS)).max(ENTITY_EVENT_KINDS.length);

/** A phone number as an analyst types it: digits with optional +, spaces, dashes, parentheses. */
export const typedMsisdn = z
  .string()
  .max(32)
  .regex(/^\+?[\d\s()-]+$/, 'a phone number')
  .refine((value) => /^\d{10,15}$/.test(value.replace(/\D/g, '')), '10 to 15 digits');

/** A look-up of one subscriber's recent rows: the number as typed (hashed, never sent to ClickHouse), an optional range. */
export const subscriberLookup = z
  .object({
    msisdn: typedMsisdn,
    from: instant.optional(),
    to: instant.optional(),
    limit: z.number().int().min(1).max(1_000).default(200),
  })
  .refine(({ from, to }) => !areDates(from, to) || from! < to!, 'from must be before to');

/** Identifiers such as alert and rule ids: any text up to 128 characters, always embedded via quoteString. */
export const freeId = z.string().min(1).max(128);

/** Validates a query's input or throws DashboardFilterError naming every problem. */
export function parseFilter<Schema extends z.ZodType>(
  query: string,
  schema: Schema,
  input: unknown,
): z.infer<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new DashboardFilterError(
    query,
    result.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(input)'}: ${issue.message}`),
  );
}
