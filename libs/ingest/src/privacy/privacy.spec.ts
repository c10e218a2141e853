import { maskMsisdn } from './msisdn-mask';

describe(maskMsisdn.name, () => {
  it('keeps only the last two digits of a number, valid or not', () => {
    expect(maskMsisdn('77011234567')).toBe('***67');
    expect(maskMsisdn('1234567')).toBe('***67');
  });

  it('leaves public short numbers as they are', () => {
    expect(maskMsisdn('7575')).toBe('7575');
  });
});
