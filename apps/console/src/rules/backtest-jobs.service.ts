import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  backtestRules,
  type BacktestProgress,
  type BacktestReport,
  type BacktestStore,
  type RuleDocument,
} from '@vigil/backtest';
import { BACKTEST_STORE } from '../console.constants';
import { ConsoleError, consoleErrorCodes } from '../http/console.errors';
import { RuleCatalogService } from './rule-catalog.service';

/** A back-test the console runs in the background while the page polls it. */
export interface BacktestJob {
  id: string;
  state: 'running' | 'done' | 'failed';
  requestedBy: string;
  startedAt: string;
  /** The candidate rule (one document) as back-tested: publishing it records this job's result. */
  candidate: RuleDocument;
  from: string;
  to: string;
  progress: BacktestProgress;
  report?: BacktestReport;
  error?: string;
}

/** Jobs kept for the page to read and for publishing to cite; older ones are forgotten. */
const KEPT_JOBS = 20;
/** Longest range an interactive back-test may cover: 31 days (a month of stored history). */
const MAX_RANGE_MS = 31 * 86_400_000;

/**
 * Runs back-tests of one candidate rule against the rules in force, one at a time (a back-test streams every stored
 * event of its range through two engines: two would halve each other's speed on the console's CPU).
 */
@Injectable()
export class BacktestJobsService {
  private readonly logger = new Logger(BacktestJobsService.name);
  private readonly jobs = new Map<string, BacktestJob>();
  private running = false;

  constructor(
    @Inject(BACKTEST_STORE) private readonly store: BacktestStore,
    private readonly catalog: RuleCatalogService,
  ) {}

  start(yaml: string, fromMs: number, toMs: number, requestedBy: string): BacktestJob {
    if (!(toMs > fromMs) || toMs - fromMs > MAX_RANGE_MS)
      throw new ConsoleError(consoleErrorCodes.INVALID_INPUT, 'invalid back-test range', [
        'from/to: from must lie before to, at most 31 days apart',
      ]);
    if (this.running)
      throw new ConsoleError(consoleErrorCodes.BUSY, 'a back-test is running; try again when it is done');
    const candidate = this.catalog.candidateDocument(yaml);
    const job: BacktestJob = {
      id: randomUUID(),
      state: 'running',
      requestedBy,
      startedAt: new Date().toISOString(),
      candidate,
      from: new Date(fromMs).toISOString(),
      to: new Date(toMs).toISOString(),
      progress: { phase: 'warmup', readUpToMs: fromMs, eventsRead: 0, fraction: 0 },
    };
    this.keep(job);
    this.running = true;
    void this.run(job, fromMs, toMs).finally(() => {
      this.running = false;
    });
    return job;
  }

  get(id: string): BacktestJob {
    const job = this.jobs.get(id);
    if (job === undefined) throw new ConsoleError(consoleErrorCodes.NOT_FOUND, `no back-test ${id}`);
    return job;
  }

  private async run(job: BacktestJob, fromMs: number, toMs: number): Promise<void> {
    try {
      const baseline = await this.catalog.inForce();
      job.report = await backtestRules(this.store, {
        candidate: [job.candidate],
        baseline,
        against: 'live',
        range: { fromMs, toMs },
        onProgress: (progress) => {
          job.progress = progress;
        },
      });
      job.state = 'done';
      this.logger.log({
        msg: 'back-test done',
        id: job.id,
        ruleId: job.candidate.ruleId,
        version: job.candidate.version,
        added: job.report.totals.added,
        removed: job.report.totals.removed,
        elapsedMs: job.report.elapsedMs,
      });
    } catch (error) {
      job.state = 'failed';
      job.error = (error as Error).message;
      this.logger.error({ msg: 'back-test failed', id: job.id, error: job.error });
    }
  }

  private keep(job: BacktestJob): void {
    this.jobs.set(job.id, job);
    for (const id of this.jobs.keys()) {
      if (this.jobs.size <= KEPT_JOBS) break;
      if (this.jobs.get(id)?.state !== 'running') this.jobs.delete(id);
    }
  }
}
