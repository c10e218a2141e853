import { MASKED_NUMBER_VISIBLE_DIGITS } from '@vigil/contracts';

/**
 * Masks a digit string for dead-letter reasons and logs the way the privacy rule of `@vigil/contracts` masks a
 * number (`77011234567` → `***67`), also for rejected strings that are no valid number (7 or 16+ digits): a reason
 * must not quote them either. Short numbers (6 digits or fewer) are public service numbers and stay as they are.
 */
export function maskMsisdn(msisdn: string): string {
  if (msisdn.length <= 6) return msisdn;
  return `***${msisdn.slice(-MASKED_NUMBER_VISIBLE_DIGITS)}`;
}
