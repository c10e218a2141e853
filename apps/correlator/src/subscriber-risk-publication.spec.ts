import type { SubscriberRiskV1 } from '@vigil/contracts';
import type { ChangelogWrite } from './state-publisher';
import { gatedByRiskStates, SubscriberRiskPublication } from './subscriber-risk-publication';
import type { SubscriberRiskTracker } from './subscriber-risk-tracker';

function record(subscriber: string): SubscriberRiskV1 {
  return {
    subscriber,
    partition: 0,
    updatedAt: '2026-03-01T10:00:00.000Z',
    eventTime: '2026-03-01T10:00:00.000Z',
    openPatterns: [],
    endedPatterns: [],
  };
}

/** A tracker whose next take returns what the test queued, and which records what was handed back. */
function fakeTracker() {
  const queued: SubscriberRiskV1[] = [];
  const handedBack: string[] = [];
  const tracker = {
    get pending() {
      return queued.length > 0;
    },
    take: () => queued.splice(0),
    handBack: (entities: Iterable<string>) => {
      for (const entity of entities) {
        handedBack.push(entity);
        queued.push(record(entity));
      }
    },
  };
  return { tracker: tracker as unknown as SubscriberRiskTracker, queued, handedBack };
}

describe(SubscriberRiskPublication.name, () => {
  it('holds the changelog write until the risk states taken before it are on the topic', async () => {
    const { tracker, queued } = fakeTracker();
    let release!: () => void;
    const sent: string[] = [];
    const writer = {
      send: (records: readonly SubscriberRiskV1[]) =>
        new Promise<void>((resolve) => {
          release = () => {
            sent.push(...records.map((r) => r.subscriber));
            resolve();
          };
        }),
    };
    const publication = new SubscriberRiskPublication(tracker, writer);
    const order: string[] = [];
    const gated = gatedByRiskStates(
      {
        sendAlerts: async () => undefined,
        prepareChangelog: () => ({ partition: 0, entries: [], stateBytes: 0 }),
        writeChangelog: async () => void order.push(`changelog after ${sent.join(',')}`),
      },
      publication,
    );
    queued.push(record('msisdn:77010000001'));
    publication.publish();
    const written = gated.writeChangelog({
      partition: 0,
      entries: [],
      stateBytes: 0,
    } satisfies ChangelogWrite);
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([]);
    release();
    await written;
    expect(order).toEqual(['changelog after msisdn:77010000001']);
  });

  it('fails the changelog write while a send failed, and writes the handed-back states with the next one', async () => {
    const { tracker, queued, handedBack } = fakeTracker();
    let failNext = true;
    const sent: string[] = [];
    const writer = {
      send: async (records: readonly SubscriberRiskV1[]) => {
        if (failNext) {
          failNext = false;
          throw new Error('broker down');
        }
        sent.push(...records.map((r) => r.subscriber));
      },
    };
    const publication = new SubscriberRiskPublication(tracker, writer);
    queued.push(record('msisdn:77010000002'));
    publication.publish();
    await expect(publication.durable()).rejects.toThrow('broker down');
    expect(handedBack).toEqual(['msisdn:77010000002']);
    await publication.durable();
    expect(sent).toEqual(['msisdn:77010000002']);
  });
});
