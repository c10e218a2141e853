import { isHomeNumber, type NumberPlan } from '@vigil/ingest';

/**
 * The subscriber entity of an E.164 number if the home network serves it (the ingest number plan's home prefixes),
 * else undefined: the signal answers only for the operator's own subscribers.
 */
export function homeSubscriberOf(phoneNumber: string, plan: NumberPlan): string | undefined {
  const digits = phoneNumber.slice(1);
  return isHomeNumber(digits, plan) ? `msisdn:${digits}` : undefined;
}
