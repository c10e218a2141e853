import { normalizeNumber, type NumberPlan } from '@vigil/ingest';

const MSISDN = 'msisdn:';

/**
 * The canonical digits of a payee that is a phone number, exactly as ingest normalizes the numbers mule findings
 * are made of (the number plan: `+7701…`, `87701…`, `7701…`, or the entity id `msisdn:7701…`); undefined for a payee
 * that is not one (an account id).
 */
export function payeeNumberDigits(payee: string, plan: NumberPlan): string | undefined {
  return normalizeNumber(payee.startsWith(MSISDN) ? payee.slice(MSISDN.length) : payee, plan);
}
