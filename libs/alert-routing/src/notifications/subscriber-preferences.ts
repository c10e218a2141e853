import {
  type LatestValueEntry,
  LatestValueTable,
  NOTIFICATION_LANGUAGES,
  type NotificationLanguage,
} from '@vigil/contracts';

/** A subscriber's choices from `vigil.subscriber-preferences.v1` (value e.g. `{"language":"kk","optOut":false}`). */
export interface SubscriberPreference {
  language?: NotificationLanguage;
  optOut: boolean;
}

/** Read side of the preference source. */
export interface SubscriberPreferenceLookup {
  get(msisdn: string): SubscriberPreference | undefined;
}

/** MSISDN digits of a preference key (`77011234567` or `msisdn:77011234567`), or null. */
export function preferenceKeyToMsisdn(key: string): string | null {
  const digits = key.startsWith('msisdn:') ? key.slice('msisdn:'.length) : key;
  return /^[0-9]{10,15}$/.test(digits) ? digits : null;
}

/**
 * The latest preference per subscriber, fed from the compacted topic (a null value is a tombstone). Malformed
 * values are ignored rather than fatal: a preference only refines defaults. Values are read as they come off the
 * topic or as text.
 */
export class SubscriberPreferenceTable
  extends LatestValueTable<SubscriberPreference, Buffer | string>
  implements SubscriberPreferenceLookup
{
  constructor() {
    super(readPreference);
  }
}

function readPreference(
  key: string | null,
  value: Buffer | string | null,
): LatestValueEntry<SubscriberPreference> | undefined {
  const msisdn = key === null ? null : preferenceKeyToMsisdn(key);
  if (msisdn === null) return undefined;
  if (value === null) return { key: msisdn, value: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object') return undefined;
  const { language, optOut } = parsed as { language?: unknown; optOut?: unknown };
  const knownLanguage = NOTIFICATION_LANGUAGES.find((candidate) => candidate === language);
  return { key: msisdn, value: { language: knownLanguage, optOut: optOut === true } };
}
