import { phoneNumberDigits } from '@vigil/contracts';

/**
 * The entity id of a counterparty as entity events carry it: a phone number (8–15 digits) is `msisdn:<digits>`,
 * anything else (a sender name, a short number) `sender:<id>`, lower-cased like ingest's sender entities.
 */
export function numberEntityOf(counterparty: string): string {
  const digits = phoneNumberDigits(counterparty);
  if (digits !== undefined) return `msisdn:${digits}`;
  return /\p{L}/u.test(counterparty)
    ? `sender:${counterparty.trim().toLowerCase().replace(/\s+/g, ' ')}`
    : `sender:${counterparty}`;
}
