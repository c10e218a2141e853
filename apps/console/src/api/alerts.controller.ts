import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  Logger,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AlertDetail, AlertFeedbackRepository, AlertPage, DashboardQueries } from '@vigil/analytics';
import { maskMsisdn } from '@vigil/observability';
import { RequireRole, RevealsNumbers } from '../auth/auth.decorators';
import { roleAllows } from '../auth/console-role';
import { CurrentSession } from '../auth/current-session.decorator';
import type { Session } from '../auth/session-tokens';
import { DASHBOARD_QUERIES, FEEDBACK_REPOSITORY } from '../console.constants';
import { consoleMetrics } from '../console.metrics';
import { RouterFeedRelay } from '../feed/router-feed.relay';
import { ConsoleError, consoleErrorCodes } from '../http/console.errors';
import { parseInput } from '../http/parse-input';
import { alertIdParams, alertListQuery, feedbackBody } from './alerts.schemas';
import { ApiJsonBody, ApiQueryParams, ApiSession, TIME_WINDOW_PARAMS } from './api-docs.decorators';
import { SubscriberLookupAudit } from './subscriber-lookup.audit';

/** The full numbers of an alert, returned only by the audited reveal. */
export interface RevealedParties {
  alertId: string;
  entity: string;
  counterparties: string[];
}

/** Alert history, one alert's evidence, analyst verdicts and the audited reveal of an alert's numbers. */
@ApiTags('alerts')
@ApiSession()
@Controller('api/alerts')
export class AlertsController {
  private readonly logger = new Logger('NumberRevealAudit');

  constructor(
    @Inject(DASHBOARD_QUERIES) private readonly queries: DashboardQueries,
    @Inject(FEEDBACK_REPOSITORY) private readonly feedback: AlertFeedbackRepository,
    private readonly feed: RouterFeedRelay,
    private readonly lookupAudit: SubscriberLookupAudit,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Alerts, newest first, filtered and paged (numbers masked)' })
  @ApiQueryParams({
    ...TIME_WINDOW_PARAMS,
    typologies: 'comma-separated typologies',
    severities: 'comma-separated: low, medium, high, critical',
    stages: 'comma-separated: early_warning, confirmed',
    ruleId: 'exact rule id',
    msisdn: 'subscriber number as typed (hashed before the lookup; analyst, audited, rate-limited per user)',
    page: '0-based page (default 0)',
    pageSize: '1..200 (default 50)',
  })
  list(@Query() query: unknown, @CurrentSession() session: Session): Promise<AlertPage> {
    const filter = parseInput(alertListQuery, query);
    if (filter.msisdn !== undefined) {
      // Whether a number has alerts is itself personal data, and an oracle for completing a masked number.
      if (!roleAllows(session.role, 'analyst'))
        throw new ForbiddenException('looking a subscriber up by number needs the analyst role');
      this.lookupAudit.record(session, filter.msisdn, 'alerts');
    }
    return this.queries.alertList(filter);
  }

  @Get(':alertId')
  @ApiOperation({ summary: 'One alert with its evidence timeline and analyst feedback' })
  async detail(@Param() params: unknown): Promise<AlertDetail> {
    const { alertId } = parseInput(alertIdParams, params);
    const detail = await this.queries.alertDetail({ alertId });
    if (!detail) throw new ConsoleError(consoleErrorCodes.NOT_FOUND, 'no such alert');
    return detail;
  }

  @Post(':alertId/feedback')
  @RequireRole('analyst')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Record an analyst verdict (confirmed fraud / false positive) with a note; feeds rule precision',
  })
  @ApiJsonBody(feedbackBody)
  async recordFeedback(
    @Param() params: unknown,
    @Body() body: unknown,
    @CurrentSession() session: Session,
  ): Promise<{ alertId: string; verdict: string; analyst: string }> {
    const { alertId } = parseInput(alertIdParams, params);
    const { verdict, note } = parseInput(feedbackBody, body);
    const recorded = await this.feedback.record({
      alertId,
      verdict,
      note,
      analyst: session.name,
      at: new Date(),
    });
    if (!recorded) throw new ConsoleError(consoleErrorCodes.NOT_FOUND, 'no such alert');
    consoleMetrics.feedback.inc({ verdict });
    return { alertId, verdict, analyst: session.name };
  }

  @Post(':alertId/reveal')
  @RequireRole('analyst')
  @RevealsNumbers()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Reveal the full numbers of a live alert (analyst; audited). Only alerts relayed since the console started.',
  })
  reveal(@Param() params: unknown, @CurrentSession() session: Session): RevealedParties {
    const { alertId } = parseInput(alertIdParams, params);
    const parties = this.feed.parties.lookup(alertId);
    // The audit line carries masked numbers only: the log is read by more people than the reveal is for.
    this.logger.log({
      msg: 'full number reveal',
      analyst: session.name,
      role: session.role,
      alertId,
      outcome: parties ? 'revealed' : 'unavailable',
      entity: parties ? maskMsisdn(parties.entity) : null,
    });
    consoleMetrics.reveals.inc({ outcome: parties ? 'revealed' : 'unavailable' });
    if (!parties)
      throw new ConsoleError(
        consoleErrorCodes.NOT_FOUND,
        'full numbers are only held for alerts relayed live since the console started',
      );
    return { alertId, entity: parties.entity, counterparties: parties.counterparties };
  }
}
