import { subscriberRiskV1, type SubscriberRiskV1 } from '@vigil/contracts';
import type { CoalescingProducer } from '@vigil/kafka';
import { subscriberRiskMetrics } from './subscriber-risk.metrics';
import type { PublicationWriter } from './partition-publisher';
import type { SubscriberRiskTracker } from './subscriber-risk-tracker';

/** Sends risk states to vigil.subscriber-risk.v1, each to its subscriber's partition (= the input partition). */
export class SubscriberRiskWriter {
  constructor(
    private readonly producer: Pick<CoalescingProducer, 'send'>,
    private readonly topic: string,
  ) {}

  async send(records: readonly SubscriberRiskV1[]): Promise<void> {
    await this.producer.send(
      this.topic,
      records.map((record) => ({
        key: record.subscriber,
        value: subscriberRiskV1.serialize(record),
        partition: record.partition,
      })),
    );
    subscriberRiskMetrics.recordsPublished.inc(records.length);
  }
}

/**
 * One partition's risk-state publication. States go out after every batch, beside its alerts, so the signal is as
 * fresh as the alerts; the partition's changelog write waits for `durable()`, so no progress record vouches for
 * input whose risk states are not on the topic: after a crash the replayed input publishes them again (the same
 * states: the engine is deterministic). A failed send hands its subscribers back to the tracker, whose next take
 * writes their current state.
 */
export class SubscriberRiskPublication {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly tracker: SubscriberRiskTracker,
    private readonly writer: Pick<SubscriberRiskWriter, 'send'>,
  ) {}

  /** Sends what changed since the last call; failures surface through `durable()`. */
  publish(): void {
    const records = this.tracker.take();
    if (records.length === 0) return;
    const sent = this.writer.send(records).catch((error: unknown) => {
      this.tracker.handBack(records.map((record) => record.subscriber));
      subscriberRiskMetrics.sendFailures.inc();
      throw error;
    });
    const tracked = sent.finally(() => this.inFlight.delete(tracked));
    tracked.catch(() => undefined); // awaited by durable(); a failure nobody waits for is handed back already
    this.inFlight.add(tracked);
  }

  /** Tells readers the partition's states are current (sent after them; a lost one is replaced a second later). */
  publishHeartbeat(): void {
    this.writer.send([this.tracker.heartbeat()]).catch(() => undefined);
  }

  /**
   * Resolves once every state taken so far is on the topic; rejects if one could not be written. Work handed back
   * by an earlier failure is sent first: the changelog write that waits for this covers it.
   */
  async durable(): Promise<void> {
    if (this.tracker.pending) this.publish();
    const outcomes = await Promise.allSettled([...this.inFlight]);
    const failure = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failure !== undefined) throw (failure as PromiseRejectedResult).reason;
  }
}

/** The partition's writes, its changelog write held until its risk states are durable. */
export function gatedByRiskStates(
  writer: PublicationWriter,
  risk: Pick<SubscriberRiskPublication, 'durable'>,
): PublicationWriter {
  return {
    sendAlerts: (alerts) => writer.sendAlerts(alerts),
    prepareChangelog: (...args) => writer.prepareChangelog(...args),
    writeChangelog: async (write) => {
      await risk.durable();
      await writer.writeChangelog(write);
    },
  };
}
