import { Body, Controller, HttpCode, HttpStatus, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AlertSummary, DashboardQueries, ScamSignalCheck, TimelineEvent } from '@vigil/analytics';
import { maskPhoneNumber } from '@vigil/contracts';
import { RequireRole } from '../auth/auth.decorators';
import { CurrentSession } from '../auth/current-session.decorator';
import type { Session } from '../auth/session-tokens';
import { DASHBOARD_QUERIES } from '../console.constants';
import { parseInput } from '../http/parse-input';
import { subscriberLookupBody } from './alerts.schemas';
import { ApiJsonBody, ApiSession } from './api-docs.decorators';
import { SubscriberLookupAudit } from './subscriber-lookup.audit';

const DAY_MS = 86_400_000;

/** A subscriber's recent activity: the typed number is hashed; only its masked form comes back. */
export interface SubscriberTimeline {
  subscriber: string;
  events: TimelineEvent[];
  alerts: AlertSummary[];
}

/** Subscriber lookup by number (keyed hash) with the recent timeline and the alerts that name the number. */
@ApiTags('subscribers')
@ApiSession()
@Controller('api/subscribers')
export class SubscribersController {
  constructor(
    @Inject(DASHBOARD_QUERIES) private readonly queries: DashboardQueries,
    private readonly audit: SubscriberLookupAudit,
  ) {}

  @Post('timeline')
  @RequireRole('analyst')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      "A subscriber's recent events and alerts, looked up by the keyed hash of the number (analyst; audited, rate-limited per user)",
  })
  @ApiJsonBody(subscriberLookupBody)
  async timeline(@Body() body: unknown, @CurrentSession() session: Session): Promise<SubscriberTimeline> {
    const lookup = parseInput(subscriberLookupBody, body);
    this.audit.record(session, lookup.msisdn, 'timeline');
    const to = lookup.to ?? new Date(Date.now() + 60_000);
    const [events, alerts] = await Promise.all([
      this.queries.subscriberTimeline(lookup),
      this.queries.alertList({
        msisdn: lookup.msisdn,
        from: lookup.from ?? new Date(to.getTime() - 30 * DAY_MS),
        to,
        pageSize: 50,
      }),
    ]);
    return { subscriber: maskPhoneNumber(lookup.msisdn), events, alerts: alerts.items };
  }

  @Post('signal-checks')
  @RequireRole('admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'The scam-signal checks partners made about a subscriber and what they were told, from the audit trail (admin; audited, rate-limited per user)',
  })
  @ApiJsonBody(subscriberLookupBody)
  async signalChecks(
    @Body() body: unknown,
    @CurrentSession() session: Session,
  ): Promise<{ subscriber: string; checks: ScamSignalCheck[] }> {
    const lookup = parseInput(subscriberLookupBody, body);
    this.audit.record(session, lookup.msisdn, 'signal-checks');
    const checks = await this.queries.scamSignalChecks(lookup);
    return { subscriber: maskPhoneNumber(lookup.msisdn), checks };
  }
}
