import { maskMsisdn, maskMsisdnsDeep, maskMsisdnsInText } from './msisdn-masking';

describe('msisdn masking', () => {
  it('masks a subscriber number to its first and last four digits', () => {
    expect(maskMsisdn('77011234567')).toBe('7701***4567');
    expect(maskMsisdn('msisdn:77011234567')).toBe('msisdn:7701***4567');
  });

  it('leaves short numbers and sender ids alone', () => {
    expect(maskMsisdn('7575')).toBe('7575');
    expect(maskMsisdn('Kcell')).toBe('Kcell');
  });

  it('masks numbers inside texts and nested log records, not offsets or short codes', () => {
    expect(maskMsisdnsInText('call from 77011234567 to 2000')).toBe('call from 7701***4567 to 2000');
    expect(
      maskMsisdnsDeep({
        msg: 'x',
        entity: 'msisdn:77771234567',
        nested: [{ to: '+77011234567' }],
        offset: '12345',
      }),
    ).toEqual({
      msg: 'x',
      entity: 'msisdn:7777***4567',
      nested: [{ to: '+7701***4567' }],
      offset: '12345',
    });
  });
});
