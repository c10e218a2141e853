/**
 * Masks a subscriber number for display and logs: `77011234567` becomes `7701***4567`. Short numbers
 * (6 digits or fewer) are public service numbers and stay as they are.
 */
export function maskMsisdn(msisdn: string): string {
  if (msisdn.length <= 6) return msisdn;
  const keep = msisdn.length >= 9 ? 4 : 2;
  return `${msisdn.slice(0, keep)}***${msisdn.slice(-keep)}`;
}
