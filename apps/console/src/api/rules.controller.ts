import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { RuleHistoryEntry } from '@vigil/analytics';
import { summarizeBacktest } from '@vigil/backtest';
import { RequireRole } from '../auth/auth.decorators';
import { CurrentSession } from '../auth/current-session.decorator';
import type { Session } from '../auth/session-tokens';
import { ConsoleError, consoleErrorCodes } from '../http/console.errors';
import { parseInput } from '../http/parse-input';
import { BacktestJobsService, type BacktestJob } from '../rules/backtest-jobs.service';
import { RuleCatalogService } from '../rules/rule-catalog.service';
import type { RuleSummary } from '../rules/rule-summary';
import { ApiJsonBody, ApiSession } from './api-docs.decorators';

const ruleYaml = z.string().min(1).max(65_536); // 64 KiB: one rule
const reason = z.string().max(2_000).default('');
const publishBody = z.object({ yaml: ruleYaml, reason, backtestId: z.uuid().optional() }).strict();
const backtestBody = z.object({ yaml: ruleYaml, from: z.iso.datetime(), to: z.iso.datetime() }).strict();
const restoreBody = z
  .object({ ruleId: z.string().min(1).max(128), version: z.number().int().min(1), reason })
  .strict();
const jobParams = z.object({ id: z.uuid() }).strict();
const historyQuery = z.object({ ruleId: z.string().min(1).max(128).optional() }).strict();

/** Changed alerts a job answer carries at most; the totals and charts count them all. */
const CHANGED_ALERTS_SHOWN = 500;

/** The rules in force, their history and back-tests; publishing, back-testing and restoring are for admins. */
@ApiTags('rules')
@ApiSession()
@Controller('api/rules')
export class RulesController {
  constructor(
    private readonly catalog: RuleCatalogService,
    private readonly backtests: BacktestJobsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Rules in force: published versions, else the repository files' })
  list(): Promise<RuleSummary[]> {
    return this.catalog.list();
  }

  @Post()
  @RequireRole('admin')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary:
      'Publish a new version of one rule (YAML, version above the one in force) to vigil.rules.v1, recorded in ' +
      'the rule history with the reason and the back-test (backtestId) that vouched for it',
  })
  @ApiJsonBody(publishBody)
  publish(@Body() body: unknown, @CurrentSession() session: Session): Promise<RuleSummary> {
    const input = parseInput(publishBody, body);
    let backtest;
    if (input.backtestId !== undefined) {
      const job = this.backtests.get(input.backtestId);
      const candidate = this.catalog.candidateDocument(input.yaml);
      if (job.state !== 'done' || job.report === undefined || job.candidate.yaml !== candidate.yaml)
        throw new ConsoleError(
          consoleErrorCodes.INVALID_INPUT,
          'the back-test does not vouch for this rule',
          ['backtestId: a finished back-test of exactly this YAML'],
        );
      backtest = summarizeBacktest(job.report, job.requestedBy);
    }
    return this.catalog.publish(input.yaml, session.name, { reason: input.reason, backtest });
  }

  @Post('backtests')
  @RequireRole('admin')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Back-test one rule (YAML) against the rules in force over stored history (from/to, ISO-8601)',
  })
  @ApiJsonBody(backtestBody)
  startBacktest(@Body() body: unknown, @CurrentSession() session: Session): BacktestJob {
    const input = parseInput(backtestBody, body);
    return this.answer(
      this.backtests.start(input.yaml, Date.parse(input.from), Date.parse(input.to), session.name),
    );
  }

  @Get('backtests/:id')
  @RequireRole('admin')
  @ApiOperation({ summary: 'A back-test: progress while it runs, then the report' })
  backtest(@Param() params: unknown): BacktestJob {
    return this.answer(this.backtests.get(parseInput(jobParams, params).id));
  }

  @Get('history')
  @ApiOperation({ summary: 'Every rule version published, withdrawn or restored: who, when, why, back-test' })
  history(@Query() query: unknown): Promise<RuleHistoryEntry[]> {
    return this.catalog.history(parseInput(historyQuery, query).ruleId);
  }

  @Post('history/restore')
  @RequireRole('admin')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Publish a version from the rule history again (a withdrawn or replaced one)' })
  @ApiJsonBody(restoreBody)
  restore(@Body() body: unknown, @CurrentSession() session: Session): Promise<RuleSummary> {
    const input = parseInput(restoreBody, body);
    return this.catalog.restore(input.ruleId, input.version, session.name, input.reason);
  }

  private answer(job: BacktestJob): BacktestJob {
    if (job.report === undefined || job.report.changedAlerts.length <= CHANGED_ALERTS_SHOWN) return job;
    return {
      ...job,
      report: { ...job.report, changedAlerts: job.report.changedAlerts.slice(0, CHANGED_ALERTS_SHOWN) },
    };
  }
}
