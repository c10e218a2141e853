import type { EntityEventV1, EntityEventKind } from '@vigil/contracts';
import { ContactMemory } from './contact-memory';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-25T08:00:00Z');
const options = { memoryMs: 30 * DAY, maxContactsPerSubscriber: 3, maxSubscribers: 100 };
let serial = 0;

function event(
  kind: EntityEventKind,
  atMs: number,
  counterparty: string,
  extra: Partial<EntityEventV1> = {},
): EntityEventV1 {
  serial += 1;
  return {
    eventId: `e${serial}:${kind}`,
    sourceEventId: `e${serial}`,
    sourceTopic: 'telco.payments.v1',
    entity: 'msisdn:77011234567',
    kind,
    occurredAt: new Date(atMs).toISOString(),
    ingestedAt: new Date(atMs).toISOString(),
    counterparty,
    counterpartyClass: 'home_msisdn',
    amount: kind.startsWith('transfer') ? 3000 : undefined,
    features: {},
    ...extra,
  };
}

describe('ContactMemory', () => {
  it('forwards a transfer to a number the subscriber never dealt with, as that number', () => {
    const memory = new ContactMemory(options);
    expect(memory.observe(event('transfer_out', T0, '77781112233'))).toEqual({
      type: 'transfer',
      number: 'msisdn:77781112233',
      subscriber: 'msisdn:77011234567',
      occurredAtMs: T0,
      eventId: expect.stringMatching(/:transfer_out$/),
      amount: 3000,
    });
    // The second transfer to it is no first contact.
    expect(memory.observe(event('transfer_out', T0 + 1000, '77781112233'))).toBeUndefined();
  });

  it('does not forward a payment to a relative the subscriber called or texted before', () => {
    const memory = new ContactMemory(options);
    memory.observe(event('sms_in', T0 - 2 * DAY, '77012223344'));
    expect(memory.observe(event('transfer_out', T0, '77012223344'))).toBeUndefined();
  });

  it('forgets a contact after the memory: the number is new again', () => {
    const memory = new ContactMemory(options);
    memory.observe(event('call_out', T0 - 31 * DAY, '77012223344'));
    expect(memory.observe(event('transfer_out', T0, '77012223344'))).toBeDefined();
  });

  it('never forwards transfers to short or official numbers, nor events of non-subscribers', () => {
    const memory = new ContactMemory(options);
    expect(
      memory.observe(event('transfer_out', T0, '7575', { counterpartyClass: 'short_number' })),
    ).toBeUndefined();
    expect(
      memory.observe(event('transfer_out', T0, '77781112233', { entity: 'card:tok_1' })),
    ).toBeUndefined();
  });

  it('keeps at most the configured contacts per subscriber, dropping the least recent', () => {
    const memory = new ContactMemory(options);
    for (let i = 0; i < 4; i++) memory.observe(event('sms_in', T0 + i, `7701555000${i}`));
    // The oldest contact is gone: paying it is a first contact again; the newest is still known.
    expect(memory.observe(event('transfer_out', T0 + 10, '77015550000'))).toBeDefined();
    expect(memory.observe(event('transfer_out', T0 + 11, '77015550003'))).toBeUndefined();
  });

  it('restores from its changes to the same answers', () => {
    const memory = new ContactMemory(options);
    memory.observe(event('sms_in', T0, '77012223344'));
    const restored = new ContactMemory(options);
    for (const change of memory.drainChanges())
      expect(restored.restore(change.subscriber, change.value)).toBe(true);
    expect(restored.observe(event('transfer_out', T0 + 1000, '77012223344'))).toBeUndefined();
    expect(restored.observe(event('transfer_out', T0 + 1000, '77019998877'))).toBeDefined();
    expect(restored.restore('msisdn:1', Buffer.from('{bad'))).toBe(false);
  });

  it('evicts subscribers silent for longer than the memory, and the least active beyond the cap', () => {
    const memory = new ContactMemory({ ...options, maxSubscribers: 3 });
    memory.observe(event('sms_in', T0 - 40 * DAY, '77012223344', { entity: 'msisdn:77010000001' }));
    for (let i = 2; i <= 5; i++)
      memory.observe(event('sms_in', T0 + i, '77012223344', { entity: `msisdn:7701000000${i}` }));
    memory.evict();
    // Expired: subscriber 1; over the cap of 3: down to 2 (nine tenths of it), the least active first.
    expect(memory.size).toBe(2);
    const forgotten = memory.drainChanges().filter((change) => change.value === null);
    expect(forgotten.map((change) => change.subscriber).sort()).toEqual([
      'msisdn:77010000001',
      'msisdn:77010000002',
      'msisdn:77010000003',
    ]);
  });
});
