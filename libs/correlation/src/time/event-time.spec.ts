import { isCanonicalEventTime, parseEventTimeMs } from './event-time';

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

describe(isCanonicalEventTime.name, () => {
  it.each([
    ['2025-03-01T10:00:00.000Z', true],
    ['2025-03-01T23:59:59.999Z', true],
    ['2025-03-01T10:00:00Z', false],
    ['2025-03-01T12:00:00+02:00', false],
    ['0025-03-01T10:00:00.000Z', true],
    ['2025-03-01T24:00:00.000Z', false],
  ])('tells whether %s is how its parsed time is written back (%s)', (text, canonical) => {
    const timeMs = parseEventTimeMs(text);
    expect(isCanonicalEventTime(text, timeMs)).toBe(canonical);
    if (canonical) expect(new Date(timeMs).toISOString()).toBe(text);
  });

  it('does not take a time of another day for the text', () => {
    const timeMs = parseEventTimeMs('2025-03-01T10:00:00.000Z');
    expect(isCanonicalEventTime('2025-03-01T10:00:00.000Z', timeMs + 86_400_000)).toBe(false);
    expect(isCanonicalEventTime('2025-03-01T10:00:00.000Z', timeMs + 1)).toBe(false);
  });

  it('answers for texts other than the one parsed last, and not for one parsed by Date.parse', () => {
    const timeMs = parseEventTimeMs('2025-03-01T10:00:00.000Z');
    expect(parseEventTimeMs('2025-03-01T10:00:00Z')).toBe(timeMs);
    expect(isCanonicalEventTime('2025-03-01T10:00:00Z', timeMs)).toBe(false);
    expect(isCanonicalEventTime('2025-03-01T10:00:00.000Z', timeMs)).toBe(true);
    expect(isCanonicalEventTime('2025-03-01T10:00:00.001Z', timeMs + 1)).toBe(true);
  });
});
