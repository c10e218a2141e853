import {
  isPhoneNumber,
  maskParty,
  maskPhoneNumber,
  maskPhoneNumbersInText,
  phoneNumberDigits,
} from './phone-number-privacy';

describe('phone number privacy rule', () => {
  it('treats 8 to 15 digits, however formatted, as a phone number', () => {
    expect(phoneNumberDigits('+7 (701) 123-45-67')).toBe('77011234567');
    expect(phoneNumberDigits('99890123')).toBe('99890123');
    expect(phoneNumberDigits('998.901.234.567')).toBe('998901234567');
    for (const notANumber of ['7575', '1234567', 'Kcell', '4000-1234-abcd', '1234567890123456', ''])
      expect(isPhoneNumber(notANumber)).toBe(false);
  });

  it('masks a number to its last two digits whatever its length, and leaves other parties readable', () => {
    expect(maskPhoneNumber('77011234567')).toBe('***67');
    expect(maskPhoneNumber('123456789')).toBe('***89');
    expect(maskPhoneNumber('12345678')).toBe('***78');
    expect(maskPhoneNumber('7575')).toBe('7575');
    expect(maskParty('msisdn:77011234567')).toBe('msisdn:***67');
    expect(maskParty('sender:Kcell')).toBe('sender:Kcell');
    expect(maskParty('998901234')).toBe('***34');
  });

  it('masks formatted and short international numbers inside text, not dates, times or long ids', () => {
    expect(maskPhoneNumbersInText('call from +7 (701) 123-45-67 then 998901234 and 12345678 to 2000')).toBe(
      'call from ***67 then ***34 and ***78 to 2000',
    );
    expect(maskPhoneNumbersInText('at 2026-01-15T10:05:00.000Z, count 12')).toBe(
      'at 2026-01-15T10:05:00.000Z, count 12',
    );
    expect(maskPhoneNumbersInText('alert a1b2c3d412345678901 and 12345678901234567890')).toBe(
      'alert a1b2c3d412345678901 and 12345678901234567890',
    );
  });
});
