import fc from 'fast-check';
import type { TimedEvent } from '../time/timed-event';
import { ColumnarEntityMemory } from './columnar-entity-memory';
import type { FirstContactPolicy } from './contact-book';
import { NO_ENTITY, type EntityMemory } from './entity-memory';
import { PlainEntityMemory } from './plain-entity-memory';

const T0 = Date.parse('2025-03-01T10:00:00.000Z');
const WINDOW_MS = 3_600_000;
const KEYS = ['msisdn:77010000001', 'msisdn:77010000002', 'sender:S1', 'card:4'];
const PARTIES = ['77470000', '77470001', '0770123', 'KCELLPAY', '7122'];

/** Within one window of each other, where the ContactBook's runs answer exactly (see PlainEntityMemory). */
const contactMs = fc
  // Few distinct times, so that questions land on contacts and on their window's end.
  .tuple(fc.constantFrom(0, 10, 20, 30, 40, 50), fc.constantFrom(0, 400, 999))
  .map(([minute, ms]) => T0 + minute * 60_000 + ms);
const anyMs = fc.integer({ min: -2 * WINDOW_MS, max: 3 * WINDOW_MS }).map((offset) => T0 + offset);
/** Questions and cut-offs anywhere, and on the boundaries: at a contact, one window after one. */
const askedMs = fc.oneof(
  contactMs,
  contactMs.map((atMs) => atMs + WINDOW_MS),
  anyMs,
);
const key = fc.constantFrom(...KEYS);

const operationArb = fc.oneof(
  fc.record({ op: fc.constant('remove' as const), key }),
  fc.record({
    op: fc.constant('recordContact' as const),
    key,
    party: fc.constantFrom(...PARTIES),
    atMs: contactMs,
  }),
  fc.record({
    op: fc.constant('isFirstContact' as const),
    key,
    party: fc.constantFrom(...PARTIES),
    atMs: askedMs,
  }),
  fc.record({ op: fc.constant('expireContacts' as const), key, atMs: askedMs }),
  fc.record({ op: fc.constant('reloadContacts' as const), key }),
  fc.record({
    op: fc.constant('bufferEvent' as const),
    key,
    id: fc.constantFrom('a', 'b', 'c', 'é', 'a-much-longer-event-id-than-a-page-slot-holds-0000000000'),
    atMs: fc.integer({ min: 0, max: 5 }).map((minute) => T0 + minute * 60_000),
  }),
  fc.record({ op: fc.constant('dropOldestBuffered' as const), key, count: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ op: fc.constant('dropBufferedBefore' as const), key, atMs: anyMs }),
  fc.record({ op: fc.constant('nextInRotation' as const) }),
);

type Operation = typeof operationArb extends fc.Arbitrary<infer T> ? T : never;

/** A buffered event as plain data: what a rule, an alert or a snapshot reads of it. */
function fieldsOf(item: TimedEvent): object {
  const { eventId, kind, occurredAt, counterparty, timeMs, amount, features } = item;
  return { eventId, kind, occurredAt, counterparty, timeMs, amount, features };
}

/**
 * Applies the operation, to the entity of its key (created when it has none, except to remove it), and returns what
 * the memory answered and holds, by key: ids are each memory's own.
 */
function apply(memory: EntityMemory, operation: Operation): unknown {
  if (operation.op === 'nextInRotation') {
    const id = memory.nextInRotation();
    return id === NO_ENTITY ? undefined : memory.keyOf(id);
  }
  let id = memory.idOf(operation.key);
  if (id === NO_ENTITY) {
    if (operation.op === 'remove') return 'absent';
    id = memory.create(operation.key);
  }
  let answer: unknown;
  switch (operation.op) {
    case 'remove':
      memory.remove(id);
      memory.release(id);
      return memory.idOf(operation.key);
    case 'recordContact':
      answer = memory.recordContact(id, operation.party, operation.atMs);
      break;
    case 'isFirstContact':
      answer = memory.isFirstContact(id, operation.party, operation.atMs);
      break;
    case 'expireContacts':
      answer = memory.expireContacts(id, operation.atMs);
      break;
    case 'reloadContacts':
      memory.loadContacts(id, memory.contactSlots(id));
      break;
    case 'bufferEvent':
      answer = memory.bufferEvent(
        id,
        {
          eventId: operation.id,
          kind: 'sms_in',
          occurredAt: new Date(operation.atMs).toISOString(),
          counterparty: operation.id.length % 2 === 0 ? '77470000' : 'KCELLPAY',
          features: { otpCode: true },
        },
        operation.atMs,
      );
      break;
    case 'dropOldestBuffered':
      memory.dropOldestBuffered(id, operation.count);
      break;
    case 'dropBufferedBefore':
      answer = memory.dropBufferedBefore(id, operation.atMs);
      break;
  }
  const candidates = memory.candidates(id);
  return {
    answer,
    size: memory.size,
    isEmpty: memory.isEmpty(id),
    contacts: memory.contactCount(id),
    contactSlots: memory.contactSlots(id),
    buffered: memory.bufferedEvents(id).map(fieldsOf),
    candidates: Array.from({ length: candidates.length }, (_, i) => [
      candidates.timeMsAt(i),
      candidates.kindAt(i),
      fieldsOf(candidates.eventAt(i)),
    ]),
    firstBufferedMs: memory.firstBufferedMs(id),
  };
}

describe(PlainEntityMemory.name, () => {
  it('answers every operation as the ColumnarEntityMemory does', () => {
    fc.assert(
      fc.property(
        fc.array(operationArb, { minLength: 30, maxLength: 150 }),
        fc.constantFrom(1, 2, 3, 8),
        (operations, maxContacts) => {
          const policy: FirstContactPolicy = { windowMs: WINDOW_MS, maxContacts };
          const plain = new PlainEntityMemory(policy);
          const columnar = new ColumnarEntityMemory(policy);
          for (const operation of operations) {
            expect(apply(columnar, operation)).toEqual(apply(plain, operation));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('answers "first contact?" from every contact in the window before, to the second', () => {
    const memory = new PlainEntityMemory({ windowMs: WINDOW_MS, maxContacts: 8 });
    const id = memory.create(KEYS[0]);
    memory.recordContact(id, '77470000', T0);
    expect(memory.isFirstContact(id, '77470000', T0 + 999)).toBe(true); // the same second
    expect(memory.isFirstContact(id, '77470000', T0 + 1_000)).toBe(false);
    expect(memory.isFirstContact(id, '77470000', T0 + WINDOW_MS)).toBe(false);
    expect(memory.isFirstContact(id, '77470000', T0 + WINDOW_MS + 1_000)).toBe(true);
    expect(memory.isFirstContact(id, '77470001', T0 + 1_000)).toBe(true);
  });
});
