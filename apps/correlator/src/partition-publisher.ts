import type { AlertV1 } from '@vigil/contracts';
import type { CorrelationEngine } from '@vigil/correlation';
import { RetriableBatchError } from '@vigil/kafka';
import type { ChangelogWrite, StatePublisher } from './state-publisher';

/** What publishing needs from a partition's engine. */
export type PublishedEngine = Pick<CorrelationEngine, 'takeDirtyEntities' | 'snapshotEntity' | 'progress'>;
/** The writes PartitionPublisher orders (StatePublisher in the service). */
export type PublicationWriter = Pick<StatePublisher, 'sendAlerts' | 'prepareChangelog' | 'writeChangelog'>;

/** The writes one `publish` took over, kept to be handed back should they fail. */
interface Step {
  alerts: AlertV1[];
  entities: string[];
  /** Failures hand work back and bump the epoch: a step prepared before cannot vouch for that work. */
  epoch: number;
}

/**
 * Makes one partition's results durable in the order the recovery argument needs, without holding up the next
 * batch: each `publish` takes what is unpublished at that moment (the alerts, snapshots of the changed entities and
 * the covered offset, all taken synchronously, so they agree), sends the alerts at once, and writes the changelog
 * once those alerts and every earlier write of the partition are durable. A write that fails hands its work back,
 * and no write prepared before that can succeed any more (its progress record would vouch for work that is not
 * durable): the next `publish` carries everything again.
 */
export class PartitionPublisher {
  private alerts: AlertV1[] = [];
  private readonly entities = new Set<string>();
  private progressMoved = false;
  private epoch = 0;
  /** Durability of the last step (rejects when it failed) and the same, never rejecting, for chaining. */
  private last: Promise<void> = Promise.resolve();
  private lastSettled: Promise<void> = Promise.resolve();

  constructor(
    private readonly partition: number,
    private readonly writer: PublicationWriter,
    /** False once the partition is revoked: its next owner restores from the changelog and writes it. */
    private readonly isAssigned: () => boolean,
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
   * Publishes what is unpublished now; resolves once it and everything published before is durable.
   * @param coveredOffset last input offset whose effects the engine holds (null before the first batch)
   */
  publish(engine: PublishedEngine, coveredOffset: string | null): Promise<void> {
    for (const entity of engine.takeDirtyEntities()) this.entities.add(entity);
    if (this.alerts.length === 0 && this.entities.size === 0 && !this.progressMoved) return this.last;
    const step: Step = { alerts: this.alerts, entities: [...this.entities], epoch: this.epoch };
    this.alerts = [];
    this.entities.clear();
    this.progressMoved = false;
    const changelog = this.writer.prepareChangelog(this.partition, engine, step.entities, coveredOffset);
    const alertsSent = step.alerts.length > 0 ? this.writer.sendAlerts(step.alerts) : Promise.resolve();
    const written = this.complete(step, alertsSent, this.lastSettled, changelog);
    this.last = written;
    this.lastSettled = written.catch(() => undefined);
    return written;
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
