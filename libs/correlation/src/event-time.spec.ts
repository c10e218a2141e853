import { parseEventTimeMs } from './event-time';

describe(parseEventTimeMs.name, () => {
  it.each([
    '2025-03-01T10:00:00.000Z',
    '2024-02-29T23:59:59.999Z',
    '2025-03-01T10:00:00Z',
    '2025-03-01T12:00:00+02:00',
    '2025-03-02T00:00:00.001Z',
    '2025-02-30T10:00:00.000Z',
    '2025-03-01T24:00:00.000Z',
    '2025-03-01T1a:00:00.000Z',
  ])('agrees with Date.parse for %s', (text) => expect(parseEventTimeMs(text)).toBe(Date.parse(text)));

  it('returns NaN for text that is not a date-time', () => {
    expect(parseEventTimeMs('yesterday')).toBeNaN();
  });
});
