import { z } from 'zod';
import { RoutingRecordError, alertRoutingErrorCodes } from '../alert-routing.errors';

/** An alertId already routed or dropped: replays of it are duplicates until `expiresAt`. */
export interface SeenAlertEntry {
  type: 'seen';
  /** Epoch ms, in alert time (detectedAt). */
  expiresAt: number;
}

/** The first alert of an entity and typology, with what its cool-down has absorbed so far. */
export interface SuppressionEntry {
  type: 'suppression';
  firstAlertId: string;
  /** Epoch ms (detectedAt of the first alert). */
  firstDetectedAt: number;
  expiresAt: number;
  /** Alerts folded into the first one. */
  repeatCount: number;
  /** True once a confirmed alert of this window went out (an escalation or a confirmed first alert). */
  confirmedDelivered: boolean;
}

/** A subscriber warned with a template: no second warning with it until `expiresAt`. */
export interface NotifiedEntry {
  type: 'notified';
  notificationId: string;
  expiresAt: number;
}

/** One value of the router's state (one compacted-topic record per key). */
export type RouterStateEntry = SeenAlertEntry | SuppressionEntry | NotifiedEntry;

const epochMs = z.number().int().nonnegative();
const entrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('seen'), expiresAt: epochMs }),
  z.object({
    type: z.literal('suppression'),
    firstAlertId: z.string().min(1),
    firstDetectedAt: epochMs,
    expiresAt: epochMs,
    repeatCount: z.number().int().nonnegative(),
    confirmedDelivered: z.boolean(),
  }),
  z.object({ type: z.literal('notified'), notificationId: z.string().min(1), expiresAt: epochMs }),
]);

/** State keys: one namespace per kind, so one compacted topic holds all of them. */
export const stateKeys = {
  seen: (alertId: string) => `seen:${alertId}`,
  suppression: (entity: string, typology: string) => `suppression:${entity}|${typology}`,
  notified: (msisdn: string, templateId: string) => `notified:${msisdn}|${templateId}`,
} as const;

export function encodeStateEntry(entry: RouterStateEntry): Buffer {
  return Buffer.from(JSON.stringify(entry), 'utf8');
}

/** Decodes one state-topic value; throws RoutingRecordError for bytes that are not a state entry. */
export function decodeStateEntry(bytes: Buffer): RouterStateEntry {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new RoutingRecordError(alertRoutingErrorCodes.INVALID_STATE_ENTRY, 'state entry is not JSON');
  }
  const result = entrySchema.safeParse(parsed);
  if (!result.success) {
    throw new RoutingRecordError(
      alertRoutingErrorCodes.INVALID_STATE_ENTRY,
      `state entry: ${result.error.message}`,
    );
  }
  return result.data;
}
