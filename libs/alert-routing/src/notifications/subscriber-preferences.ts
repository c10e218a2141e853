import { NOTIFICATION_LANGUAGES, type NotificationLanguage } from '@vigil/contracts';

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
 * values are ignored rather than fatal: a preference only refines defaults.
 */
export class SubscriberPreferenceTable implements SubscriberPreferenceLookup {
  private readonly preferences = new Map<string, SubscriberPreference>();

  get size(): number {
    return this.preferences.size;
  }

  get(msisdn: string): SubscriberPreference | undefined {
    return this.preferences.get(msisdn);
  }

  /** Applies one topic record (its value as read or as text); returns false when it was ignored as malformed. */
  apply(key: string | null, value: Buffer | string | null): boolean {
    const msisdn = key === null ? null : preferenceKeyToMsisdn(key);
    if (msisdn === null) return false;
    if (value === null) {
      this.preferences.delete(msisdn);
      return true;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
    } catch {
      return false;
    }
    if (parsed === null || typeof parsed !== 'object') return false;
    const { language, optOut } = parsed as { language?: unknown; optOut?: unknown };
    const knownLanguage = NOTIFICATION_LANGUAGES.find((candidate) => candidate === language);
    this.preferences.set(msisdn, { language: knownLanguage, optOut: optOut === true });
    return true;
  }
}
