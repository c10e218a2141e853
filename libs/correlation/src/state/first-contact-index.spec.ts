import { FirstContactIndex } from './first-contact-index';

const DAY = 86_400_000;
const T = Date.parse('2025-03-01T10:00:00Z');
const policy = { windowMs: 30 * DAY, maxContacts: 3 };

describe(FirstContactIndex.name, () => {
  it('answers first contact for a counterparty never seen', () => {
    expect(new FirstContactIndex(policy).isFirstContact('77010000001', T)).toBe(true);
  });

  it('does not count the event being asked about as a prior contact', () => {
    const index = new FirstContactIndex(policy);
    index.record('77010000001', T);
    expect(index.isFirstContact('77010000001', T)).toBe(true);
    expect(index.isFirstContact('77010000001', T + 60_000)).toBe(false);
  });

  it('does not count a contact later in event time than the event asked about', () => {
    const index = new FirstContactIndex(policy);
    index.record('77010000001', T + 5 * 60_000);
    expect(index.isFirstContact('77010000001', T)).toBe(true);
  });

  it('answers out-of-order queries inside a run of contacts', () => {
    const index = new FirstContactIndex(policy);
    for (const minute of [12, 0, 5]) index.record('77010000001', T + minute * 60_000);
    expect(index.isFirstContact('77010000001', T)).toBe(true);
    expect(index.isFirstContact('77010000001', T + 5 * 60_000)).toBe(false);
    expect(index.isFirstContact('77010000001', T + 12 * 60_000)).toBe(false);
  });

  it('forgets contacts older than the window', () => {
    const index = new FirstContactIndex(policy);
    index.record('77010000001', T - 40 * DAY);
    index.record('77010000001', T);
    expect(index.isFirstContact('77010000001', T)).toBe(true);
    expect(index.expire(T - 10 * DAY)).toBe(0);
    expect(index.expire(T + DAY)).toBe(1);
    expect(index.size).toBe(0);
  });

  it('stays within maxContacts by evicting the least recently seen, and counts it', () => {
    const index = new FirstContactIndex(policy);
    const evicted = [1, 2, 3, 4].map((i) => index.record(`7701000000${i}`, T + i * 1000));
    expect(evicted).toEqual([0, 0, 0, 1]);
    expect(index.size).toBe(3);
    expect(index.isFirstContact('77010000001', T + DAY)).toBe(true);
    expect(index.isFirstContact('77010000004', T + DAY)).toBe(false);
  });

  it('tells alphanumeric senders apart from numbers', () => {
    const index = new FirstContactIndex(policy);
    index.record('KCELL', T);
    expect(index.isFirstContact('KCELL', T + 1000)).toBe(false);
    expect(index.isFirstContact('KASPI', T + 1000)).toBe(true);
  });

  it('survives a round trip through JSON', () => {
    const index = new FirstContactIndex(policy);
    index.record('77010000001', T);
    const copy = FirstContactIndex.fromJSON(policy, JSON.parse(JSON.stringify(index.toJSON())) as number[]);
    expect(copy.isFirstContact('77010000001', T + 1000)).toBe(false);
  });
});
