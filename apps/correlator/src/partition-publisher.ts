import type { AlertV1 } from '@vigil/contracts';
import type { CorrelationEngine } from '@vigil/correlation';
import { RetriableBatchError } from '@vigil/kafka';
import type { ChangelogSource, ChangelogWrite, StatePublisher } from './state-publisher';

/** What publishing needs from a partition's engine (and its sources, see ChangelogSource). */
export type PublishedEngine = Pick<CorrelationEngine, 'takeDirtyEntities'> & ChangelogSource;
/** The writes PartitionPublisher orders (StatePublisher in the service). */
export type PublicationWriter = Pick<StatePublisher, 'sendAlerts' | 'prepareChangelog' | 'writeChangelog'>;

/** The writes one `publish` took over, kept to be handed back should they fail. */
interface Step {
  alerts: AlertV1[];
  entities: string[];
  /** Failures hand work back and bump the epoch: a step prepared before cannot vouch for that work. */
  epoch: number;
}

/** How often a partition's changelog is written. */
export interface ChangelogCadence {
  /**
   * At most one changelog write per this many ms (0: at every publish). An entity changed by many batches in between
   * is written once: under a backlog, hot entities (a bulk sender) would otherwise be rewritten whole every batch.
   */
  intervalMs: number;
  now(): number;
}

const EVERY_PUBLISH: ChangelogCadence = { intervalMs: 0, now: () => 0 };

/** A promise settled from outside: the commit of batches whose changelog write is still to come. */
interface Coverage {
  promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function newCoverage(): Coverage {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined); // nobody may be waiting when it fails; the batches' commits are skipped
  return { promise, resolve, reject };
}

/**
 * Makes one partition's results durable in the order the recovery argument needs, without holding up the next
 * batch: each `publish` takes what is unpublished at that moment (the alerts, snapshots of the changed entities and
 * the covered offset, all taken synchronously, so they agree), sends the alerts at once, and writes the changelog
 * once those alerts and every earlier write of the partition are durable. A write that fails hands its work back,
 * and no write prepared before that can succeed any more (its progress record would vouch for work that is not
 * durable): the next `publish` carries everything again.
 *
 * Alerts go out at every publish; the changelog at most once per cadence interval. A publish without a changelog
 * write resolves only with the next one that covers it, so no input offset is committed before the state holding
 * its effects is durable.
 */
export class PartitionPublisher {
  private alerts: AlertV1[] = [];
  private readonly entities = new Set<string>();
  private progressMoved = false;
  private epoch = 0;
  /** Durability of the last step (rejects when it failed) and the same, never rejecting, for chaining. */
  private last: Promise<void> = Promise.resolve();
  private lastSettled: Promise<void> = Promise.resolve();
  /** Settles with the next changelog write; undefined while no publish waits for one. */
  private coverage: Coverage | undefined;
  private lastChangelogAt = -Infinity;

  constructor(
    private readonly partition: number,
    private readonly writer: PublicationWriter,
    /** False once the partition is revoked: its next owner restores from the changelog and writes it. */
    private readonly isAssigned: () => boolean,
    private readonly cadence: ChangelogCadence = EVERY_PUBLISH,
  ) {}

  addAlerts(alerts: readonly AlertV1[]): void {
    for (const alert of alerts) this.alerts.push(alert);
  }

  /** The covered input offset moved: the progress record is due. */
  markProgressMoved(): void {
    this.progressMoved = true;
  }

  /** Durability of everything published so far (rejects if the last write failed). */
  get durable(): Promise<void> {
    return this.last;
  }

  /** Resolves once every write started so far has finished, whatever the outcome. */
  settled(): Promise<void> {
    return this.lastSettled;
  }

  /**
   * Publishes what is unpublished now; resolves once it and everything published before is durable, the state
   * included (so possibly only with a later publish, see ChangelogCadence).
   * @param coveredOffset last input offset whose effects the engine holds (null before the first batch)
   * @param flush write the changelog now, whatever the cadence (the consumer is stopping)
   */
  publish(engine: PublishedEngine, coveredOffset: string | null, flush = false): Promise<void> {
    for (const entity of engine.takeDirtyEntities()) this.entities.add(entity);
    if (this.alerts.length === 0 && this.entities.size === 0 && !this.progressMoved) return this.last;
    const now = this.cadence.now();
    if (!flush && now - this.lastChangelogAt < this.cadence.intervalMs) return this.publishAlertsOnly();
    this.lastChangelogAt = now;
    const step: Step = { alerts: this.alerts, entities: [...this.entities], epoch: this.epoch };
    this.alerts = [];
    this.entities.clear();
    this.progressMoved = false;
    const changelog = this.writer.prepareChangelog(this.partition, engine, step.entities, coveredOffset);
    const alertsSent = step.alerts.length > 0 ? this.writer.sendAlerts(step.alerts) : Promise.resolve();
    const written = this.complete(step, alertsSent, this.lastSettled, changelog);
    this.last = written;
    this.lastSettled = written.catch(() => undefined);
    const coverage = this.coverage;
    this.coverage = undefined;
    if (coverage !== undefined) written.then(coverage.resolve, coverage.reject);
    return written;
  }

  /** The partition is gone: the commits waiting for a changelog write are dropped (its next owner replays them). */
  abandonPendingCommits(): void {
    this.coverage?.reject(new RetriableBatchError('partition revoked before its changelog write'));
    this.coverage = undefined;
  }

  /** Sends the alerts now; the entities and the progress wait for the next changelog write, and so does the commit. */
  private publishAlertsOnly(): Promise<void> {
    this.coverage ??= newCoverage();
    if (this.alerts.length === 0) return this.coverage.promise;
    const alerts = this.alerts;
    this.alerts = [];
    const step: Step = { alerts, entities: [], epoch: this.epoch };
    const sent = Promise.allSettled([this.writer.sendAlerts(alerts), this.lastSettled]).then(([outcome]) => {
      if (outcome.status === 'fulfilled') return;
      this.handBack(step, true);
      throw new RetriableBatchError('alerts not published', { cause: outcome.reason });
    });
    this.last = sent;
    this.lastSettled = sent.catch(() => undefined);
    return this.coverage.promise;
  }

  private async complete(
    step: Step,
    alertsSent: Promise<void>,
    earlierWrites: Promise<void>,
    changelog: ChangelogWrite,
  ): Promise<void> {
    const [alerts] = await Promise.allSettled([alertsSent, earlierWrites]);
    if (alerts.status === 'rejected') {
      this.handBack(step, true);
      throw new RetriableBatchError('alerts not published', { cause: alerts.reason });
    }
    if (step.epoch !== this.epoch) {
      this.handBack(step, false);
      throw new RetriableBatchError('an earlier write of the partition failed');
    }
    // Once revoked, a write could land after the next owner's own: the partition is not ours to write any more.
    // The work goes back all the same, so nothing later can vouch for it should the partition still be ours.
    if (!this.isAssigned()) {
      this.handBack(step, false);
      throw new RetriableBatchError('partition revoked before its changelog write');
    }
    try {
      await this.writer.writeChangelog(changelog);
    } catch (error) {
      this.handBack(step, false);
      throw new RetriableBatchError('changelog not written', { cause: error });
    }
  }

  private handBack(step: Step, alertsToo: boolean): void {
    if (alertsToo) this.addAlerts(step.alerts);
    for (const entity of step.entities) this.entities.add(entity);
    this.progressMoved = true;
    this.epoch += 1;
  }
}
