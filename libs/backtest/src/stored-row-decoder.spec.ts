import { StoredRowDecoder } from './stored-row-decoder';

// A row of STORED_EVENT_COLUMNS as ClickHouse writes it in TabSeparated.
const row = (eventId: string, counterparty: string): string =>
  [
    eventId,
    eventId,
    'telco.sms.v1',
    'msisdn',
    '5f1c0ffee5f1c0ffee5f1c0ffee5f1c0',
    'sms_in',
    '1773100800',
    '457',
    '1773100801',
    counterparty,
    'alphanumeric',
    '0',
    '',
    '',
    '0',
    '0',
    '{"officialSender":false}',
  ].join('\t') + '\n';

describe(StoredRowDecoder.name, () => {
  it('decodes rows from chunks cut within a line and within a UTF-8 character, each stored copy once', () => {
    const bytes = new TextEncoder().encode(row('a', 'Сбер') + row('a', 'Сбер') + row('b', 'Kaspi'));
    const cut = bytes.indexOf(0xd0) + 1; // inside the two bytes of 'С'
    const decoder = new StoredRowDecoder();
    const events = [
      ...decoder.decode(bytes.subarray(0, cut)),
      ...decoder.decode(bytes.subarray(cut, cut + 50)),
      ...decoder.decode(bytes.subarray(cut + 50)),
    ];
    decoder.end();
    expect(events.map((event) => [event.eventId, event.counterparty])).toEqual([
      ['a', 'Сбер'],
      ['b', 'Kaspi'],
    ]);
  });

  it('refuses rows that end within a line', () => {
    const decoder = new StoredRowDecoder();
    decoder.decode(new TextEncoder().encode(row('a', 'x').slice(0, 20)));
    expect(() => decoder.end()).toThrow(RangeError);
  });
});
