/** Human labels for the codes the API returns, so the screen reads without a glossary. */
export const TYPOLOGY_LABELS: Record<string, string> = {
  prize_code_theft: 'Prize call + code theft',
  false_prize_payment: 'False prize payment',
  relative_in_trouble: 'Relative in trouble',
  premium_sms_lure: 'Premium SMS lure',
  premium_sms_malware: 'Premium SMS malware',
  smishing_bulk_sender: 'Smishing bulk sender',
  brand_phishing_link: 'Brand phishing link',
  spyware_offer: 'Spyware offer',
  stolen_card_topups: 'Stolen card top-ups',
  unsolicited_transfer_request: 'Unsolicited transfer request',
};

/** One colour per typology, shared by every chart and chip. */
export const TYPOLOGY_COLOURS: Record<string, string> = {
  prize_code_theft: '#c0392b',
  false_prize_payment: '#e67e22',
  relative_in_trouble: '#8e44ad',
  premium_sms_lure: '#2980b9',
  premium_sms_malware: '#16a085',
  smishing_bulk_sender: '#d35400',
  brand_phishing_link: '#2c3e50',
  spyware_offer: '#7f8c8d',
  stolen_card_topups: '#27ae60',
  unsolicited_transfer_request: '#b7950b',
};

export const KIND_LABELS: Record<string, string> = {
  sms_in: 'SMS received',
  sms_out: 'SMS sent',
  call_in: 'Call received',
  call_out: 'Call made',
  topup: 'Balance top-up',
  transfer_out: 'Transfer sent',
  transfer_in: 'Transfer received',
  premium_charge: 'Premium charge',
  sms_sent: 'SMS sent (as sender)',
  call_made: 'Call placed (as caller)',
  card_topup: 'Card top-up',
};

export const STAGE_LABELS: Record<string, string> = {
  early_warning: 'Early warning',
  confirmed: 'Confirmed',
};

export const VERDICT_LABELS: Record<string, string> = {
  confirmed_fraud: 'Confirmed fraud',
  false_positive: 'False positive',
};

export const label = (labels: Record<string, string>, code: string): string => labels[code] ?? code;

/** A timestamp in the analyst's local time, to the second. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'medium' });
}

/** `+4 min 10 s` between two instants. */
export function formatGap(fromIso: string, toIso: string): string {
  const seconds = Math.round((new Date(toIso).getTime() - new Date(fromIso).getTime()) / 1000);
  if (seconds < 60) return `+${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return `+${minutes} min${seconds % 60 ? ` ${seconds % 60} s` : ''}`;
  return `+${Math.round(minutes / 60)} h`;
}

export function formatPercent(value: number | null): string {
  return value === null ? '—' : `${Math.round(value * 100)} %`;
}
