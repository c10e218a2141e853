import { ContactBook, type ContactList } from './contact-book';
import { FirstContactIndex } from './first-contact-index';

const DAY = 86_400_000;
const T = Date.parse('2025-03-01T10:00:00Z');
const policy = { windowMs: 30 * DAY, maxContacts: 6 };

/** Deterministic pseudo-random integers below `n`. */
function sequence(seed: number): (n: number) => number {
  let value = seed;
  return (n) => {
    value = (Math.imul(value, 1_103_515_245) + 12_345) >>> 0;
    return value % n;
  };
}

describe(ContactBook.name, () => {
  it('keeps many subscribers apart in one slab while their lists grow, shrink and evict', () => {
    const book = new ContactBook(policy);
    const lists: ContactList[] = [];
    const alone: FirstContactIndex[] = [];
    for (let i = 0; i < 50; i++) {
      lists.push({ contactsAt: -1, contactCount: 0 });
      alone.push(new FirstContactIndex(policy));
    }
    const next = sequence(11);
    for (let round = 0; round < 20_000; round++) {
      const who = next(lists.length);
      const counterparty = `7701000${next(12)}`;
      const atMs = T + next(90) * DAY;
      const action = next(10);
      if (action < 6) {
        expect(book.record(lists[who], counterparty, atMs)).toBe(alone[who].record(counterparty, atMs));
      } else if (action < 9) {
        expect(book.isFirstContact(lists[who], counterparty, atMs)).toBe(
          alone[who].isFirstContact(counterparty, atMs),
        );
      } else {
        expect(book.expire(lists[who], atMs - 20 * DAY)).toBe(alone[who].expire(atMs - 20 * DAY));
      }
    }
    lists.forEach((list, i) => expect(book.toJSON(list)).toEqual(alone[i].toJSON()));
  });

  it('empties a list on release and reuses its room', () => {
    const book = new ContactBook(policy);
    const list: ContactList = { contactsAt: -1, contactCount: 0 };
    book.record(list, '77010000001', T);
    const at = list.contactsAt;
    book.release(list);
    expect(list).toEqual({ contactsAt: -1, contactCount: 0 });
    expect(book.isFirstContact(list, '77010000001', T + 1000)).toBe(true);
    const other: ContactList = { contactsAt: -1, contactCount: 0 };
    book.record(other, '77010000002', T);
    expect(other.contactsAt).toBe(at);
  });
});
