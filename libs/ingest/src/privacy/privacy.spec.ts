import { maskMsisdn } from './msisdn-mask';

describe(maskMsisdn.name, () => {
  it('masks the middle of a subscriber number', () => {
    expect(maskMsisdn('77011234567')).toBe('7701***4567');
    expect(maskMsisdn('1234567')).toBe('12***67');
  });

  it('leaves public short numbers as they are', () => {
    expect(maskMsisdn('7575')).toBe('7575');
  });
});
