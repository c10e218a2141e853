import { z } from 'zod';
import { boundedInt, idParam, windowQuery } from './query-fields';

/** A pseudonym key as the network answers give it: hex for numbers, a sender name otherwise. */
const numberKey = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\x20-\x7e]+$/, 'printable ASCII');

/** `GET /api/networks/top-numbers` (default: the last 7 days). */
export const topNumbersQuery = windowQuery(7, { limit: boundedInt(1, 200).optional() });

/** `GET /api/networks/victims-per-day`: comma-separated `numberKeys` narrow it (default: the last 7 days). */
export const victimsPerDayQuery = windowQuery(7, {
  numberKeys: z
    .string()
    .max(4_096)
    .transform((text) => text.split(',').filter((item) => item.length > 0))
    .pipe(z.array(numberKey).max(100))
    .optional(),
  limit: boundedInt(1, 10_000).optional(),
});

/** `GET /api/networks/graph` (default: the last 7 days). */
export const graphQuery = windowQuery(7, {
  numbers: boundedInt(1, 50).optional(),
  maxEdges: boundedInt(1, 5_000).optional(),
});

/** `GET /api/networks/decisions` (default: the last 30 days). */
export const decisionsQuery = windowQuery(30, { limit: boundedInt(1, 1_000).optional() });

/** `GET /api/networks/proposals`. */
export const proposalsQuery = z
  .object({
    status: z.enum(['pending', 'decided', 'all']).default('all'),
    limit: boundedInt(1, 1_000).default(500),
  })
  .strict();

export const proposalIdParams = z.object({ proposalId: idParam }).strict();

/** The reason is mandatory: the audit trail says why a number was (not) blocked. */
const reason = z.string().trim().min(3, 'a reason of at least 3 characters').max(2_000);

/** `POST /api/networks/proposals/:proposalId/approve`: `expiresInDays` defaults to BLOCKLIST_EXPIRY_DAYS. */
export const approveBody = z
  .object({ reason, expiresInDays: z.number().int().min(1).max(365).optional() })
  .strict();

/** `POST /api/networks/proposals/:proposalId/reject`. */
export const rejectBody = z.object({ reason }).strict();
