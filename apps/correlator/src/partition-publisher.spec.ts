import type { AlertV1 } from '@vigil/contracts';
import { PartitionPublisher, type PublicationWriter, type PublishedEngine } from './partition-publisher';
import type { ChangelogWrite } from './state-publisher';

/** A write the test settles by hand. */
interface Pending {
  kind: 'alerts' | 'changelog';
  what: string[];
  resolve(): void;
  reject(error: Error): void;
}

function fakeWriter(): PublicationWriter & { pending: Pending[]; log: string[] } {
  const pending: Pending[] = [];
  const log: string[] = [];
  const track = (kind: Pending['kind'], what: string[]) =>
    new Promise<void>((resolve, reject) => {
      log.push(`${kind} ${what.join(',')}`);
      pending.push({ kind, what, resolve, reject });
    });
  return {
    pending,
    log,
    sendAlerts: (alerts) =>
      track(
        'alerts',
        alerts.map((alert) => alert.alertId),
      ),
    prepareChangelog: (partition, engine, entities, coveredOffset): ChangelogWrite => ({
      partition,
      entries: [...entities, `progress@${coveredOffset}`].map((key) => ({ key, value: null })),
      stateBytes: 0,
    }),
    writeChangelog: (write) =>
      track(
        'changelog',
        write.entries.map((entry) => entry.key),
      ),
  };
}

function fakeEngine(): PublishedEngine & { touch(...entities: string[]): void } {
  let dirty: string[] = [];
  return {
    touch: (...entities) => dirty.push(...entities),
    takeDirtyEntities: () => {
      const taken = dirty;
      dirty = [];
      return taken;
    },
    snapshotEntity: () => undefined,
    progress: () => ({ maxEventTimeMs: 0, sources: { inputPartitions: {}, sources: [] } }),
  };
}

const alert = (alertId: string) => ({ alertId }) as AlertV1;
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe(PartitionPublisher.name, () => {
  let writer: ReturnType<typeof fakeWriter>;
  let engine: ReturnType<typeof fakeEngine>;
  let assigned: boolean;
  let publisher: PartitionPublisher;
  let nowMs: number;

  beforeEach(() => {
    writer = fakeWriter();
    engine = fakeEngine();
    assigned = true;
    nowMs = 0;
    publisher = new PartitionPublisher(3, writer, () => assigned);
  });

  /** A publisher that writes the changelog at most once per second of `nowMs`. */
  function withCadence(): void {
    publisher = new PartitionPublisher(3, writer, () => assigned, { intervalMs: 1_000, now: () => nowMs });
  }

  /** Whether `promise` has resolved by now (false while pending; throws if it rejected). */
  async function isResolved(promise: Promise<void>): Promise<boolean> {
    let resolved = false;
    void promise.then(() => (resolved = true));
    await settle();
    return resolved;
  }

  function publishBatch(offset: number, alerts: string[], entities: string[]): Promise<void> {
    publisher.addAlerts(alerts.map(alert));
    engine.touch(...entities);
    publisher.markProgressMoved();
    const written = publisher.publish(engine, String(offset));
    written.catch(() => undefined);
    return written;
  }

  it('sends alerts at once and writes the changelog only after they and every earlier write are durable', async () => {
    const first = publishBatch(10, ['a1'], ['msisdn:1']);
    const second = publishBatch(20, ['a2'], ['msisdn:2']);
    await settle();
    expect(writer.log).toEqual(['alerts a1', 'alerts a2']);

    writer.pending[1].resolve(); // a2 acknowledged before a1: the second changelog still waits for the first
    await settle();
    expect(writer.log).toEqual(['alerts a1', 'alerts a2']);

    writer.pending[0].resolve();
    await settle();
    expect(writer.log.slice(2)).toEqual(['changelog msisdn:1,progress@10']);
    writer.pending[2].resolve();
    await first;
    await settle();
    expect(writer.log.slice(3)).toEqual(['changelog msisdn:2,progress@20']);
    writer.pending[3].resolve();
    await second;
  });

  it('writes no state after alerts that failed and publishes them again, with every entity, next time', async () => {
    const first = publishBatch(10, ['a1'], ['msisdn:1']);
    const second = publishBatch(20, ['a2'], ['msisdn:2']);
    await settle();
    writer.pending[0].reject(new Error('broker down'));
    writer.pending[1].resolve();
    await expect(first).rejects.toThrow('alerts not published');
    await expect(second).rejects.toThrow('an earlier write of the partition failed');
    expect(writer.log.filter((entry) => entry.startsWith('changelog'))).toEqual([]);

    const retried = publisher.publish(engine, '20');
    await settle();
    expect(writer.log.slice(2)).toEqual(['alerts a1']); // a2 is durable already
    writer.pending[2].resolve();
    await settle();
    expect(writer.log.slice(3)).toEqual(['changelog msisdn:1,msisdn:2,progress@20']);
    writer.pending[3].resolve();
    await retried;
  });

  it('hands a failed changelog write back, without sending its alerts again', async () => {
    const first = publishBatch(10, ['a1'], ['msisdn:1']);
    await settle();
    writer.pending[0].resolve();
    await settle();
    writer.pending[1].reject(new Error('not leader'));
    await expect(first).rejects.toThrow('changelog not written');

    const retried = publisher.publish(engine, '10');
    await settle();
    expect(writer.log.slice(2)).toEqual(['changelog msisdn:1,progress@10']);
    writer.pending[2].resolve();
    await retried;
  });

  it('does not write the changelog of a partition revoked meanwhile', async () => {
    const first = publishBatch(10, ['a1'], ['msisdn:1']);
    assigned = false;
    await settle();
    writer.pending[0].resolve();
    await expect(first).rejects.toThrow('revoked');
    expect(writer.log).toEqual(['alerts a1']);
  });

  it('answers a publish with nothing new with the durability of what came before', async () => {
    const first = publishBatch(10, [], ['msisdn:1']);
    const nothingNew = publisher.publish(engine, '10');
    await settle();
    writer.pending[0].resolve();
    await first;
    await nothingNew;
    expect(writer.log).toEqual(['changelog msisdn:1,progress@10']);
  });

  describe('with a changelog cadence', () => {
    beforeEach(withCadence);

    /** A first batch whose changelog is written and durable at `ms`: the interval runs from there. */
    async function changelogWrittenAt(ms: number): Promise<void> {
      nowMs = ms;
      const first = publishBatch(10, [], ['msisdn:1']);
      await settle();
      writer.pending[0].resolve();
      await first;
    }

    it('sends alerts with every batch, writes the changelog once per interval, and commits a batch only with it', async () => {
      const first = publishBatch(10, ['a1'], ['msisdn:1']);
      await settle();
      writer.pending[0].resolve();
      await settle();
      writer.pending[1].resolve();
      await first;
      expect(writer.log).toEqual(['alerts a1', 'changelog msisdn:1,progress@10']);

      nowMs = 400;
      const second = publishBatch(20, ['a2'], ['sender:BANK']);
      nowMs = 800;
      const third = publishBatch(30, [], ['sender:BANK', 'msisdn:3']);
      await settle();
      expect(writer.log.slice(2)).toEqual(['alerts a2']); // the alert at once, the states not yet
      writer.pending[2].resolve();
      expect(await isResolved(second)).toBe(false); // its offsets wait for a changelog that covers them

      nowMs = 1_000;
      const fourth = publishBatch(40, ['a4'], ['msisdn:4']);
      await settle();
      writer.pending[3].resolve();
      await settle();
      // One write for three batches: the hot entity once, the progress of the last batch.
      expect(writer.log.slice(3)).toEqual([
        'alerts a4',
        'changelog sender:BANK,msisdn:3,msisdn:4,progress@40',
      ]);
      expect(await isResolved(second)).toBe(false);
      writer.pending[4].resolve();
      await Promise.all([second, third, fourth]);
    });

    it('fails the commits a failed changelog write was to cover; the next write carries their states', async () => {
      await changelogWrittenAt(5_000);
      nowMs = 5_500;
      const second = publishBatch(20, [], ['msisdn:2']);
      nowMs = 6_000;
      const third = publishBatch(30, [], ['msisdn:3']);
      await settle();
      writer.pending[1].reject(new Error('not leader'));
      await expect(third).rejects.toThrow('changelog not written');
      await expect(second).rejects.toThrow('changelog not written');

      nowMs = 7_000;
      const retried = publisher.publish(engine, '30');
      await settle();
      expect(writer.log.at(-1)).toBe('changelog msisdn:2,msisdn:3,progress@30');
      writer.pending[2].resolve();
      await retried;
    });

    it('lets no changelog vouch for alerts whose send failed, and sends them again', async () => {
      await changelogWrittenAt(5_000);
      nowMs = 5_500;
      publishBatch(20, ['a2'], ['msisdn:2']);
      nowMs = 6_000;
      const third = publishBatch(30, [], ['msisdn:3']); // prepared while a2 is still in flight
      await settle();
      writer.pending[1].reject(new Error('broker down'));
      await expect(publisher.durable).rejects.toThrow('an earlier write of the partition failed');
      await expect(third).rejects.toThrow('an earlier write of the partition failed');
      expect(writer.log.filter((entry) => entry.startsWith('changelog'))).toEqual([
        'changelog msisdn:1,progress@10',
      ]);

      nowMs = 7_000;
      const retried = publisher.publish(engine, '30');
      await settle();
      expect(writer.log.at(-1)).toBe('alerts a2');
      writer.pending[2].resolve();
      await settle();
      expect(writer.log.at(-1)).toBe('changelog msisdn:2,msisdn:3,progress@30');
      writer.pending[3].resolve();
      await retried;
    });

    it('writes the changelog at once when flushed, whatever the cadence', async () => {
      await changelogWrittenAt(5_000);
      nowMs = 5_100;
      const second = publishBatch(20, [], ['msisdn:2']);
      engine.touch('msisdn:3');
      const flushed = publisher.publish(engine, '30', true);
      await settle();
      expect(writer.log.at(-1)).toBe('changelog msisdn:2,msisdn:3,progress@30');
      writer.pending[1].resolve();
      await Promise.all([second, flushed]);
    });

    it('drops the commits waiting for a changelog write once the partition is revoked', async () => {
      await changelogWrittenAt(5_000);
      nowMs = 5_100;
      const second = publishBatch(20, [], ['msisdn:2']);
      publisher.abandonPendingCommits();
      await expect(second).rejects.toThrow('partition revoked');
    });
  });
});
