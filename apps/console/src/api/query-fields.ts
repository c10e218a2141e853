import { z } from 'zod';
import { ALERT_STAGES, SEVERITIES, TYPOLOGIES, isPhoneNumber } from '@vigil/contracts';
import { BUCKET_MINUTES } from '@vigil/analytics';

const DAY_MS = 86_400_000;

/** A comma-separated list in a query string (`typologies=a,b`), each item from an allow-list. */
export function csvOf<const Values extends readonly [string, ...string[]]>(values: Values) {
  return z
    .string()
    .max(512)
    .transform((text) => text.split(',').filter((item) => item.length > 0))
    .pipe(z.array(z.enum(values)).max(values.length));
}

/** An integer query parameter within bounds. */
export const boundedInt = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** The instants ClickHouse's DateTime holds (Unix seconds in 32 bits, unsigned): outside them a time wraps around. */
export const STORAGE_TIME_RANGE = {
  from: new Date('1970-01-01T00:00:00Z'),
  to: new Date('2106-02-07T06:28:15Z'),
};

/** An ISO-8601 instant with offset, e.g. `2026-01-15T10:00:00Z`, within the storage range. */
export const isoInstant = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value))
  .refine(
    (instant) => instant >= STORAGE_TIME_RANGE.from && instant <= STORAGE_TIME_RANGE.to,
    'between 1970-01-01T00:00:00Z and 2106-02-07T06:28:15Z',
  );

/**
 * A query over a time window: optional `from` and `to` instants beside the route's own fields, unknown parameters
 * refused (a typo never silently widens a search). A missing `to` is now (plus a minute, to include alerts detected
 * just now), a missing `from` is `to` minus `defaultDays`; the dashboard query then validates the range.
 */
export function windowQuery<Shape extends z.ZodRawShape>(defaultDays: number, shape: Shape) {
  return z
    .object({ from: isoInstant.optional(), to: isoInstant.optional(), ...shape })
    .strict()
    .transform((query) => {
      // The shape is generic here, so zod's output type cannot show these two fields it always holds.
      const window = query as { from?: Date; to?: Date };
      const to = window.to ?? new Date(Date.now() + 60_000);
      return { ...query, to, from: window.from ?? new Date(to.getTime() - defaultDays * DAY_MS) };
    });
}

export const typologyList = csvOf(TYPOLOGIES);
export const severityList = csvOf(SEVERITIES);
export const stageList = csvOf(ALERT_STAGES);
export const bucketMinutesParam = z
  .enum(BUCKET_MINUTES.map(String) as [string, ...string[]])
  .transform(Number);
export const severityParam = z.enum(SEVERITIES);
/** Alert and rule ids: printable text, bounded; always quoted by the queries. */
export const idParam = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\x20-\x7e]+$/, 'printable ASCII');
/** A phone number as typed: 8 to 15 digits, however formatted (the privacy rule's numbers). */
export const typedNumber = z
  .string()
  .max(32)
  .regex(/^\+?[\d\s().-]+$/, 'a phone number')
  .refine((value) => isPhoneNumber(value), '8 to 15 digits');
