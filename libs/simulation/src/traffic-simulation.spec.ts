import { callEventV1, paymentEventV1, smsEventV1, TYPOLOGIES } from '@vigil/contracts';
import { simulateTraffic, type TrafficSimulation } from './traffic-simulation';
import type { SimulatedRecord } from './simulation.types';
import { MAX_CALL_DURATION_SEC } from './traffic-writer';

const START_MS = Date.parse('2025-06-01T00:00:00.000Z');
const HOUR_MS = 3_600_000;

function small(seed: number): TrafficSimulation {
  return simulateTraffic({
    seed,
    subscribers: 150,
    scenarios: { perTypology: 6 },
    startMs: START_MS,
    durationMs: 8 * HOUR_MS,
    duplicateRate: 0.05,
  });
}

const eventIdOf = (record: SimulatedRecord): string => record.value.eventId;
const eventTimeOf = (record: SimulatedRecord): number =>
  Date.parse(record.topic === 'calls' ? record.value.startedAt : record.value.occurredAt);

describe('simulateTraffic', () => {
  const simulation = small(42);
  const records = [...simulation.records()];

  it('produces the same records and labels for the same seed', () => {
    const again = small(42);
    expect(JSON.stringify([...again.records()])).toBe(JSON.stringify(records));
    expect(again.labels).toEqual(simulation.labels);
  });

  it('yields the same sequence on every iteration of one simulation', () => {
    expect(JSON.stringify([...simulation.records()])).toBe(JSON.stringify(records));
  });

  it('produces different traffic for another seed', () => {
    expect(JSON.stringify([...small(43).records()].slice(0, 50))).not.toBe(
      JSON.stringify(records.slice(0, 50)),
    );
  });

  it('delivers every record in delivery-time order', () => {
    for (let i = 1; i < records.length; i++)
      expect(records[i].deliverAtMs).toBeGreaterThanOrEqual(records[i - 1].deliverAtMs);
  });

  it('emits only records that pass their contract validator', () => {
    const contracts = { sms: smsEventV1, calls: callEventV1, payments: paymentEventV1 };
    const problems = records
      .map((record) => contracts[record.topic].validate(record.value))
      .filter((result) => !result.ok);
    expect(problems).toEqual([]);
  });

  it('keys records by sender, caller or paying msisdn', () => {
    for (const record of records) {
      const expected =
        record.topic === 'sms'
          ? record.value.sender
          : record.topic === 'calls'
            ? record.value.caller
            : record.value.msisdn;
      expect(record.key).toBe(expected);
    }
  });

  it('delivers call records after the call ends, within the correlator lateness', () => {
    const calls = records.filter(
      (r): r is Extract<SimulatedRecord, { topic: 'calls' }> => r.topic === 'calls',
    );
    expect(calls.length).toBeGreaterThan(100);
    for (const call of calls) {
      const endMs = Date.parse(call.value.startedAt) + call.value.durationSec * 1000;
      expect(call.deliverAtMs).toBeGreaterThan(endMs);
      expect(call.value.durationSec).toBeLessThanOrEqual(MAX_CALL_DURATION_SEC);
      expect(call.deliverAtMs - Date.parse(call.value.startedAt)).toBeLessThan(10 * 60_000);
    }
  });

  it('delivers some records out of event-time order', () => {
    let outOfOrder = 0;
    let maxEventMs = -Infinity;
    for (const record of records) {
      if (eventTimeOf(record) < maxEventMs) outOfOrder++;
      maxEventMs = Math.max(maxEventMs, eventTimeOf(record));
    }
    expect(outOfOrder).toBeGreaterThan(0);
  });

  it('re-delivers some records with the same eventId and content', () => {
    const seen = new Map<string, SimulatedRecord>();
    let duplicates = 0;
    for (const record of records) {
      const first = seen.get(eventIdOf(record));
      if (first === undefined) {
        seen.set(eventIdOf(record), record);
        continue;
      }
      duplicates++;
      expect(record.value).toEqual(first.value);
      expect(record.deliverAtMs).toBeGreaterThanOrEqual(first.deliverAtMs);
    }
    expect(duplicates).toBeGreaterThan(0);
  });

  it('keeps event times inside the simulated span (follow-ups may run up to 1 h past its end)', () => {
    for (const record of records) {
      expect(eventTimeOf(record)).toBeGreaterThanOrEqual(simulation.startMs);
      expect(eventTimeOf(record)).toBeLessThan(simulation.endMs + HOUR_MS);
    }
  });

  it('labels scam and benign scenarios of every typology', () => {
    for (const typology of TYPOLOGIES) {
      const ofTypology = simulation.labels.filter((l) => l.typology === typology);
      expect(ofTypology.filter((l) => !l.benign)).toHaveLength(6);
      expect(ofTypology.filter((l) => l.benign)).toHaveLength(6);
      expect(ofTypology.filter((l) => !l.benign).every((l) => l.expectedStages.includes('confirmed'))).toBe(
        true,
      );
      expect(ofTypology.filter((l) => l.benign).every((l) => l.expectedStages.length === 0)).toBe(true);
    }
  });

  it('labels only events it emitted, with matching times and loss events', () => {
    const byId = new Map(records.map((r) => [eventIdOf(r), r]));
    for (const label of simulation.labels) {
      const times = label.eventIds.map((id) => {
        const record = byId.get(id);
        expect(record).toBeDefined();
        return eventTimeOf(record!);
      });
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(new Date(times[0]).toISOString()).toBe(label.startedAt);
      expect(new Date(times[times.length - 1]).toISOString()).toBe(label.endedAt);
      if (label.lossEventId !== undefined) {
        expect(label.eventIds).toContain(label.lossEventId);
        expect(new Date(eventTimeOf(byId.get(label.lossEventId)!)).toISOString()).toBe(label.lossAt);
      }
    }
  });

  it('names an entity that takes part in the scenario', () => {
    const byId = new Map(records.map((r) => [eventIdOf(r), r]));
    for (const label of simulation.labels) {
      const [kind, id] = [
        label.entity.slice(0, label.entity.indexOf(':')),
        label.entity.slice(label.entity.indexOf(':') + 1),
      ];
      const parties = label.eventIds.flatMap((eventId) => {
        const r = byId.get(eventId)!;
        if (r.topic === 'sms') return [r.value.sender.toLowerCase(), r.value.recipient];
        if (r.topic === 'calls') return [r.value.caller, r.value.callee];
        return [r.value.msisdn, r.value.counterparty ?? '', r.value.cardToken ?? ''];
      });
      expect(['msisdn', 'sender', 'card']).toContain(kind);
      expect(parties).toContain(id);
    }
  });

  it('gives every scam scenario its own entity, never a background subscriber', () => {
    const scams = simulation.labels.filter((l) => !l.benign);
    expect(new Set(scams.map((l) => l.entity)).size).toBe(scams.length);
    const scenarioIds = new Set(simulation.labels.flatMap((l) => l.eventIds));
    const background = new Set(
      records
        .filter((r) => !scenarioIds.has(eventIdOf(r)) && r.topic === 'payments')
        .map((r) => `msisdn:${r.key}`),
    );
    for (const label of scams) expect(background.has(label.entity)).toBe(false);
  });
});

describe('simulateTraffic with scam networks', () => {
  const options = {
    seed: 42,
    subscribers: 150,
    scenarios: { perTypology: 6 },
    startMs: START_MS,
    durationMs: 24 * HOUR_MS,
    duplicateRate: 0.05,
  };
  const withNetworks = simulateTraffic({
    ...options,
    networks: {
      callerCampaigns: 2,
      senderCampaigns: 1,
      phishingPairs: 1,
      mules: 2,
      busyCallers: 2,
      familyPots: 2,
    },
  });

  it('leaves the typology scenarios and the background exactly as they are without them', () => {
    const without = simulateTraffic(options);
    const baseRecords = [...without.records()];
    const baseIds = new Set(baseRecords.map(eventIdOf));
    const all = [...withNetworks.records()];
    expect(withNetworks.labels).toEqual(without.labels);
    expect(all.filter((record) => baseIds.has(eventIdOf(record)))).toEqual(baseRecords);
    expect(all.length).toBeGreaterThan(baseRecords.length);
  });

  it('labels every network scenario with its numbers and the subscribers it involves', () => {
    expect(withNetworks.networkLabels.map((label) => label.kind)).toEqual([
      'caller_campaign',
      'caller_campaign',
      'sender_campaign',
      'phishing_pair',
      'mule',
      'mule',
      'busy_caller',
      'busy_caller',
      'family_pot',
      'family_pot',
    ]);
    for (const label of withNetworks.networkLabels) {
      expect(label.numbers.length).toBe(label.kind === 'phishing_pair' ? 2 : 1);
      expect(label.subscribers.length).toBeGreaterThanOrEqual(2);
      expect(label.benign).toBe(['busy_caller', 'family_pot'].includes(label.kind));
    }
  });
});
