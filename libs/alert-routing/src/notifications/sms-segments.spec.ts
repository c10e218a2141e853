import { measureSms, smsCapacity } from './sms-segments';

describe(measureSms.name, () => {
  it('sends Latin text in GSM-7: 160 septets in one segment, 153 per segment beyond', () => {
    expect(measureSms('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(measureSms('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
    expect(measureSms('a'.repeat(306)).segments).toBe(2);
    expect(measureSms('a'.repeat(307)).segments).toBe(3);
  });

  it('counts GSM-7 extension characters as two septets', () => {
    expect(measureSms('€[]').units).toBe(6);
    expect(measureSms('€'.repeat(80)).segments).toBe(1);
    expect(measureSms('€'.repeat(81)).segments).toBe(2);
  });

  it('switches to UCS-2 for Cyrillic and Kazakh letters: 70 in one segment, 67 per segment beyond', () => {
    expect(measureSms('ә'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(measureSms('Привет'.padEnd(134, 'ы')).segments).toBe(2);
    expect(measureSms('Привет'.padEnd(135, 'ы')).segments).toBe(3);
    // one Kazakh letter in otherwise Latin text forces the whole message into UCS-2
    expect(measureSms('Call 9090 — қоңырау').encoding).toBe('UCS-2');
  });

  it('gives the two-segment budgets of the notification contract', () => {
    expect(smsCapacity('UCS-2', 2)).toBe(134);
    expect(smsCapacity('GSM-7', 2)).toBe(306);
  });
});
