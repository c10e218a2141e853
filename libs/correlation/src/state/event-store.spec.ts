import fc from 'fast-check';
import type { EventList } from './event-store';
import { EventStore } from './event-store';
import { MATCHABLE_FIELDS } from '../time/timed-event';
import { ev, T0 } from '../../test/entity-events';

function emptyList(): EventList {
  return { bufferHead: -1, bufferTail: -1, bufferLength: 0 };
}

describe(EventStore.name, () => {
  it('reads back every field as it was given, ids long or short, strings of any alphabet', () => {
    const store = new EventStore();
    const list = emptyList();
    const events = [
      ev('plain', 'sms_in', 1, {
        counterparty: '77015550001',
        counterpartyClass: 'domestic',
        features: { hasUrl: true },
      }).event,
      ev(`long-${'x'.repeat(40)}`, 'transfer_out', 2, {
        counterparty: 'KCELLPAY',
        amount: 12.5,
        channel: 'app',
      }).event,
      ev('ünïcødé-ид', 'call_in', 3, { answered: true, durationSec: 61, channel: 'voice' }).event,
      { ...ev('offset', 'topup', 4, { amount: 0 }).event, occurredAt: '2025-03-01T15:04:00+05:00' },
    ];
    for (const event of events) store.insert(list, event, Date.parse(event.occurredAt));
    const read = store.read(list);
    expect(read.map((item) => item.eventId)).toEqual(events.map((event) => event.eventId));
    read.forEach((item, i) => {
      const event = events[i];
      for (const field of MATCHABLE_FIELDS) expect(item[field]).toEqual(event[field]);
      expect(item.timeMs).toBe(Date.parse(event.occurredAt));
    });
  });

  it('keeps each list in event-time order (ids break ties), drops repeats, and frees slots for reuse', () => {
    const ids = fc.constantFrom('a', 'b', 'c', 'ab', 'é', `z${'y'.repeat(33)}`);
    const entry = fc.record({
      list: fc.integer({ min: 0, max: 2 }),
      id: ids,
      second: fc.integer({ min: 0, max: 5 }),
    });
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 60 }),
        fc.integer({ min: 0, max: 6 }),
        (entries, cutoffSec) => {
          const store = new EventStore();
          const lists = [emptyList(), emptyList(), emptyList()];
          const reference: { id: string; timeMs: number }[][] = [[], [], []];
          for (const { list, id, second } of entries) {
            const timeMs = T0 + second * 1000;
            const event = {
              ...ev(id, 'sms_out', 0).event,
              eventId: id,
              occurredAt: new Date(timeMs).toISOString(),
            };
            const index = store.insert(lists[list], event, timeMs);
            const expected = reference[list];
            const repeat = expected.some((item) => item.id === id && item.timeMs === timeMs);
            const position = expected.filter(
              (item) => item.timeMs < timeMs || (item.timeMs === timeMs && item.id < id),
            ).length;
            expect(index).toBe(repeat ? -1 : position);
            if (!repeat) expected.splice(position, 0, { id, timeMs });
          }
          const cutoffMs = T0 + cutoffSec * 1000;
          const dropped = store.dropBefore(lists[0], cutoffMs);
          expect(dropped).toBe(reference[0].filter((item) => item.timeMs < cutoffMs).length);
          reference[0] = reference[0].filter((item) => item.timeMs >= cutoffMs);
          store.release(lists[1]);
          reference[1] = [];
          lists.forEach((list, i) => {
            expect(store.read(list).map((item) => [item.eventId, item.timeMs])).toEqual(
              reference[i].map((item) => [item.id, item.timeMs]),
            );
            expect(list.bufferLength).toBe(reference[i].length);
          });
          expect(store.size).toBe(reference.reduce((sum, items) => sum + items.length, 0));
        },
      ),
    );
  });
});
