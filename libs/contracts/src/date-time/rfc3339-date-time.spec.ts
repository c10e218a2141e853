import fc from 'fast-check';
import { isIsoStringOf, parseDateTimeMs } from './rfc3339-date-time';

/** The range where Date#toISOString writes four-digit years (outside it, `+010000-…`). */
const FIRST_ISO_DATE = new Date('0000-01-01T00:00:00.000Z');
const LAST_ISO_DATE = new Date('9999-12-31T23:59:59.999Z');
const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
/** RFC 3339-like texts with every field drawn freely, so days and times that do not exist come up often. */
const nearlyDateTime = fc
  .tuple(
    fc.oneof(digits(4), fc.constantFrom('2024', '2025', '0050', '1970')),
    digits(2),
    digits(2),
    fc.constantFrom('T', 't', ' '),
    digits(2),
    digits(2),
    digits(2),
    fc.oneof(fc.constant(''), digits(1), digits(3), digits(7)).map((f) => (f === '' ? '' : `.${f}`)),
    fc.oneof(
      fc.constantFrom('Z', 'z'),
      fc.tuple(fc.constantFrom('+', '-'), digits(2), digits(2)).map(([s, h, m]) => `${s}${h}:${m}`),
    ),
  )
  .map(([y, mo, d, sep, h, mi, s, f, zone]) => `${y}-${mo}-${d}${sep}${h}:${mi}:${s}${f}${zone}`);

describe(parseDateTimeMs.name, () => {
  it.each([
    ['2025-06-01T12:00:00Z', '2025-06-01T12:00:00.000Z'],
    ['2025-06-01T17:00:00.250+05:00', '2025-06-01T12:00:00.250Z'],
    ['2025-06-01 12:00:00.123456z', '2025-06-01T12:00:00.123Z'],
    ['2024-02-29T00:00:00-01:30', '2024-02-29T01:30:00.000Z'],
    ['0050-03-01T10:00:00.5Z', '0050-03-01T10:00:00.500Z'],
  ])('parses %s', (text, iso) => expect(new Date(parseDateTimeMs(text)).toISOString()).toBe(iso));

  it.each([
    '2025-06-01',
    '2025-13-01T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '2025-02-30T10:00:00.000Z',
    '2025-06-01T24:00:00Z',
    '2016-12-31T23:59:60Z',
    '2025-06-01T12:00:00+5:00',
    '2025-06-01T12:00:00+24:00',
    '2025-06-01T12:00:00.Z',
    '2025-06-01T12:00:00Zjunk',
    '2025-06-01T12:00:00',
    '2025-06-01T1a:00:00.000Z',
    '２025-06-01T10:00:00Z',
  ])('refuses %s', (text) => expect(parseDateTimeMs(text)).toBeNaN());

  it('reads every text Date#toISOString writes back to its time', () => {
    fc.assert(
      fc.property(fc.date({ min: FIRST_ISO_DATE, max: LAST_ISO_DATE, noInvalidDate: true }), (date) => {
        expect(parseDateTimeMs(date.toISOString())).toBe(date.getTime());
      }),
    );
  });

  it('agrees with Date.parse on every date-time it reads', () => {
    fc.assert(
      fc.property(fc.oneof(nearlyDateTime, fc.string({ maxLength: 30 })), (text) => {
        const ms = parseDateTimeMs(text);
        // V8 reads a space-separated text with its legacy parser, which takes years 0000-0099 for 1950-2049.
        const legacyYear = text.charCodeAt(10) === 32 && text.startsWith('00');
        if (!Number.isNaN(ms) && !legacyYear) expect(ms).toBe(Date.parse(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it('does not carry one day over to another text', () => {
    expect(parseDateTimeMs('2025-03-01T10:00:00.000Z')).toBe(Date.parse('2025-03-01T10:00:00.000Z'));
    expect(parseDateTimeMs('2025-03-02T10:00:00.000Z')).toBe(Date.parse('2025-03-02T10:00:00.000Z'));
    expect(parseDateTimeMs('2025-02-30T10:00:00.000Z')).toBeNaN();
    expect(parseDateTimeMs('2025-03-02T10:00:00.000Z')).toBe(Date.parse('2025-03-02T10:00:00.000Z'));
  });
});

describe(isIsoStringOf.name, () => {
  it.each([
    ['2025-03-01T10:00:00.000Z', true],
    ['2025-03-01T23:59:59.999Z', true],
    ['2025-03-01T10:00:00Z', false],
    ['2025-03-01T12:00:00+02:00', false],
    ['2025-03-01t10:00:00.000z', false],
    ['0025-03-01T10:00:00.000Z', true],
  ])('tells whether %s is how its time is written back (%s)', (text, written) => {
    expect(isIsoStringOf(text, Date.parse(text))).toBe(written);
  });

  it('does not take another time for the text', () => {
    const timeMs = Date.parse('2025-03-01T10:00:00.000Z');
    expect(isIsoStringOf('2025-03-01T10:00:00.000Z', timeMs + 86_400_000)).toBe(false);
    expect(isIsoStringOf('2025-03-01T10:00:00.000Z', timeMs + 1)).toBe(false);
  });

  it('holds exactly when Date#toISOString writes the text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          nearlyDateTime,
          fc
            .date({ min: FIRST_ISO_DATE, max: LAST_ISO_DATE, noInvalidDate: true })
            .map((d) => d.toISOString()),
        ),
        (text) => {
          const timeMs = Date.parse(text);
          const written = !Number.isNaN(timeMs) && new Date(timeMs).toISOString() === text;
          expect(isIsoStringOf(text, timeMs)).toBe(written);
        },
      ),
      { numRuns: 20_000 },
    );
  });
});
