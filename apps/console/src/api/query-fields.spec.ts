import { alertListQuery } from './alerts.schemas';
import { decisionsQuery } from './networks.schemas';
import { csvOf } from './query-fields';

describe('console query schemas', () => {
  it('splits allow-listed lists and refuses values outside the list', () => {
    const severities = csvOf(['low', 'high']);
    expect(severities.parse('low,high')).toEqual(['low', 'high']);
    expect(severities.safeParse("low,' OR 1=1").success).toBe(false);
  });

  it('fills the default window and refuses unknown parameters', () => {
    const parsed = alertListQuery.parse({ page: '2' });
    expect(parsed.page).toBe(2);
    expect(parsed.to.getTime() - parsed.from.getTime()).toBe(7 * 86_400_000);
    expect(alertListQuery.safeParse({ sort: 'x' }).success).toBe(false);
    expect(alertListQuery.safeParse({ page: '-1' }).success).toBe(false);
    expect(alertListQuery.safeParse({ from: 'yesterday' }).success).toBe(false);
  });

  it("counts a missing start back from the given end by the route's default length", () => {
    const parsed = decisionsQuery.parse({ to: '2026-01-31T00:00:00Z', limit: '5' });
    expect(parsed).toEqual({
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2026-01-31T00:00:00Z'),
      limit: 5,
    });
  });

  it('refuses instants outside what storage holds instead of letting them wrap around', () => {
    expect(alertListQuery.safeParse({ from: '2163-01-01T00:00:00Z' }).success).toBe(false);
    expect(alertListQuery.safeParse({ to: '1969-12-31T23:59:59Z' }).success).toBe(false);
    expect(
      alertListQuery.safeParse({ from: '2106-02-07T06:28:15Z', to: '2106-02-07T06:28:15Z' }).success,
    ).toBe(true);
  });

  it('takes numbers of 8 to 15 digits however typed', () => {
    expect(alertListQuery.safeParse({ msisdn: '99890123' }).success).toBe(true);
    expect(alertListQuery.safeParse({ msisdn: '+7 (701) 123-45-67' }).success).toBe(true);
    expect(alertListQuery.safeParse({ msisdn: '1234567' }).success).toBe(false);
  });
});
