import { alertListQuery } from './alerts.schemas';
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
});
