import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  AlertsOverTimePoint,
  BulkSender,
  DashboardQueries,
  EventsOverTimePoint,
  RulePrecision,
} from '@vigil/analytics';
import { DASHBOARD_QUERIES } from '../console.constants';
import { parseInput } from '../http/parse-input';
import { ApiQueryParams, ApiSession, TIME_WINDOW_PARAMS } from './api-docs.decorators';
import {
  alertsOverTimeQuery,
  bulkSendersQuery,
  eventsOverTimeQuery,
  rulePrecisionQuery,
} from './charts.schemas';

const BUCKET = { bucketMinutes: '1, 5, 15, 60, 360 or 1440 (default 60)' };

/** Chart data: alerts by typology over time, bulk senders, rule hit rates and precision, event throughput. */
@ApiTags('charts')
@ApiSession()
@Controller('api/charts')
export class ChartsController {
  constructor(@Inject(DASHBOARD_QUERIES) private readonly queries: DashboardQueries) {}

  @Get('alerts-over-time')
  @ApiOperation({ summary: 'Distinct alerts per bucket, typology and severity (default: the last day)' })
  @ApiQueryParams({
    ...TIME_WINDOW_PARAMS,
    ...BUCKET,
    typologies: 'comma-separated',
    severities: 'comma-separated',
    stages: 'comma-separated',
  })
  alertsOverTime(@Query() query: unknown): Promise<AlertsOverTimePoint[]> {
    return this.queries.alertsOverTime(parseInput(alertsOverTimeQuery, query));
  }

  @Get('bulk-senders')
  @ApiOperation({ summary: 'Senders ranked by distinct recipients (default: the last day)' })
  @ApiQueryParams({
    ...TIME_WINDOW_PARAMS,
    limit: '1..500 (default 20)',
    minRecipients: 'at least this many recipients',
  })
  bulkSenders(@Query() query: unknown): Promise<BulkSender[]> {
    return this.queries.topBulkSenders(parseInput(bulkSendersQuery, query));
  }

  @Get('rule-precision')
  @ApiOperation({
    summary: 'Hits per rule version and the precision analysts’ verdicts give it (default: 30 days)',
  })
  @ApiQueryParams({ ...TIME_WINDOW_PARAMS, stages: 'comma-separated: early_warning, confirmed' })
  rulePrecision(@Query() query: unknown): Promise<RulePrecision[]> {
    return this.queries.rulePrecision(parseInput(rulePrecisionQuery, query));
  }

  @Get('events-over-time')
  @ApiOperation({ summary: 'Entity events per bucket and kind: pipeline throughput (default: the last day)' })
  @ApiQueryParams({ ...TIME_WINDOW_PARAMS, ...BUCKET })
  eventsOverTime(@Query() query: unknown): Promise<EventsOverTimePoint[]> {
    return this.queries.eventsOverTime(parseInput(eventsOverTimeQuery, query));
  }
}
