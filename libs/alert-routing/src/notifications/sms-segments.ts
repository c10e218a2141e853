/** Which alphabet an SMS is sent in: GSM-7 when every character is in the GSM 03.38 tables, else UCS-2. */
export type SmsEncoding = 'GSM-7' | 'UCS-2';

/** Encoding, length in the encoding's units (septets or UTF-16 code units) and segment count of a text. */
export interface SmsMeasure {
  encoding: SmsEncoding;
  units: number;
  segments: number;
}

// GSM 03.38 basic character set (one septet each) and its extension table (escape + char: two septets each).
const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM7_EXTENSION = new Set('^{}\\[~]|€\f');

// Single-segment capacity and per-segment capacity once a user-data header (concatenation) takes its 6 octets.
const CAPACITY = {
  'GSM-7': { single: 160, multipart: 153 },
  'UCS-2': { single: 70, multipart: 67 },
} as const;

/** Septets a text needs in GSM-7, or `null` when some character is outside the GSM-7 tables. */
function gsm7Septets(text: string): number | null {
  let septets = 0;
  for (const char of text) {
    if (GSM7_BASIC.has(char)) septets += 1;
    else if (GSM7_EXTENSION.has(char)) septets += 2;
    else return null;
  }
  return septets;
}

/** Measures a text the way an SMSC will split it. */
export function measureSms(text: string): SmsMeasure {
  const septets = gsm7Septets(text);
  const encoding: SmsEncoding = septets === null ? 'UCS-2' : 'GSM-7';
  const units = septets ?? text.length; // UCS-2 counts UTF-16 code units; a surrogate pair takes two
  const capacity = CAPACITY[encoding];
  const segments = units === 0 ? 1 : units <= capacity.single ? 1 : Math.ceil(units / capacity.multipart);
  return { encoding, units, segments };
}

/** Longest text, in the encoding's units, that still fits in `segments` segments. */
export function smsCapacity(encoding: SmsEncoding, segments: number): number {
  const capacity = CAPACITY[encoding];
  return segments === 1 ? capacity.single : capacity.multipart * segments;
}
