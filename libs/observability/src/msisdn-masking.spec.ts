import { maskMsisdn, maskMsisdnsDeep, maskMsisdnsInText } from './msisdn-masking';

describe('msisdn masking', () => {
  it('masks a subscriber number to its last two digits', () => {
    expect(maskMsisdn('77011234567')).toBe('***67');
    expect(maskMsisdn('msisdn:77011234567')).toBe('msisdn:***67');
    expect(maskMsisdn('msisdn:998901234')).toBe('msisdn:***34');
  });

  it('leaves short numbers and sender ids alone', () => {
    expect(maskMsisdn('7575')).toBe('7575');
    expect(maskMsisdn('Kcell')).toBe('Kcell');
  });

  it('leaves ids and offsets of 8+ digits alone: they point at records, they are not numbers', () => {
    expect(
      maskMsisdnsDeep({
        offset: '123456789012',
        sourceOffset: '98765432',
        alertId: 'a-77011234567',
        to: '998901234',
      }),
    ).toEqual({ offset: '123456789012', sourceOffset: '98765432', alertId: 'a-77011234567', to: '***34' });
  });

  it('masks numbers inside texts and nested log records, not offsets or short codes', () => {
    expect(maskMsisdnsInText('call from 77011234567 to 2000')).toBe('call from ***67 to 2000');
    expect(
      maskMsisdnsDeep({
        msg: 'x',
        entity: 'msisdn:77771234567',
        nested: [{ to: '+7 701 123 45 67' }],
        offset: '12345',
      }),
    ).toEqual({ msg: 'x', entity: 'msisdn:***67', nested: [{ to: '***67' }], offset: '12345' });
  });
});
