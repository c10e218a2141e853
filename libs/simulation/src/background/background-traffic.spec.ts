import { simulateTraffic } from '../traffic-simulation';
import type { SimulatedRecord } from '../simulation.types';
import { OTP_SENDERS } from '../texts/service-texts';

const START_MS = Date.parse('2025-06-01T00:00:00.000Z');

describe('BackgroundTraffic', () => {
  // Background only: no scenarios.
  const simulation = simulateTraffic({
    seed: 9,
    subscribers: 200,
    scenarios: { perTypology: 0 },
    startMs: START_MS,
    durationMs: 12 * 3_600_000,
    backgroundEventsPerSubscriberPerDay: 30,
  });
  const records = [...simulation.records()];
  const timeOf = (r: SimulatedRecord): number =>
    Date.parse(r.topic === 'calls' ? r.value.startedAt : r.value.occurredAt);

  it('transfers only to relatives exchanged with earlier in event time', () => {
    const contacts = new Map<string, number>();
    const note = (a: string, b: string, atMs: number): void => {
      const key = `${a}|${b}`;
      contacts.set(key, Math.min(contacts.get(key) ?? Infinity, atMs));
    };
    for (const r of records) {
      if (r.topic === 'sms') {
        note(r.value.sender, r.value.recipient, timeOf(r));
        note(r.value.recipient, r.value.sender, timeOf(r));
      } else if (r.topic === 'calls' && r.value.answered) {
        note(r.value.caller, r.value.callee, timeOf(r));
        note(r.value.callee, r.value.caller, timeOf(r));
      }
    }
    const transfers = records.filter((r) => r.topic === 'payments' && r.value.type === 'transfer');
    expect(transfers.length).toBeGreaterThan(10);
    for (const t of transfers) {
      if (t.topic !== 'payments') continue;
      const known = contacts.get(`${t.value.msisdn}|${t.value.counterparty}`);
      expect(known).toBeDefined();
      expect(known!).toBeLessThan(timeOf(t) - 10 * 60_000);
    }
  });

  it('has a daily rhythm: more traffic at midday than early in the morning (local time, UTC+5)', () => {
    const perHour = new Array<number>(24).fill(0);
    for (const r of records) perHour[new Date(timeOf(r) + 5 * 3_600_000).getUTCHours()]++;
    // The span covers local 05:00-17:00, the warm-up its first hour: compare 06:00 with midday.
    expect(perHour[12]).toBeGreaterThan(1.8 * perHour[6]);
  });

  it('includes top-ups by card, voucher and terminal, official promotions, 2000 notices and shop mailings', () => {
    const channels = new Set(
      records.flatMap((r) => (r.topic === 'payments' && r.value.type === 'topup' ? [r.value.channel] : [])),
    );
    expect([...channels]).toEqual(expect.arrayContaining(['bank_card', 'voucher', 'terminal']));
    const senders = new Set(records.flatMap((r) => (r.topic === 'sms' ? [r.value.sender] : [])));
    expect([...senders]).toEqual(expect.arrayContaining(['Kcell', '2000']));
    expect(['Magnum', 'Sulpak', 'Technodom'].some((shop) => senders.has(shop))).toBe(true);
  });

  it('never sends a confirmation code within 110 min after an unknown caller', () => {
    const known = new Set<string>();
    const lastUnknownCall = new Map<string, number>();
    let codes = 0;
    for (const r of [...records].sort((a, b) => timeOf(a) - timeOf(b))) {
      if (r.topic === 'sms') {
        known.add(`${r.value.recipient}|${r.value.sender}`);
        known.add(`${r.value.sender}|${r.value.recipient}`);
        const isCode = OTP_SENDERS.includes(r.value.sender) && !(r.value.text ?? '').includes('kcell.kz');
        if (!isCode) continue;
        codes++;
        const unknownAt = lastUnknownCall.get(r.value.recipient);
        if (unknownAt !== undefined) expect(timeOf(r) - unknownAt).toBeGreaterThan(110 * 60_000);
      }
      if (r.topic === 'calls' && r.value.answered && !known.has(`${r.value.callee}|${r.value.caller}`)) {
        lastUnknownCall.set(r.value.callee, timeOf(r));
      }
    }
    expect(codes).toBeGreaterThan(10);
  });
});
