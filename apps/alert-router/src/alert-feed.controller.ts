import { BadRequestException, Controller, type MessageEvent, Query, Sse, UseGuards } from '@nestjs/common';
import { filter, finalize, map, type Observable } from 'rxjs';
import { SEVERITIES, type Severity } from '@vigil/contracts';
import { AlertFeed } from './alert-feed';
import { alertRouterMetrics } from './alert-router.metrics';
import { FeedTokenGuard } from './feed-token.guard';

const severityRank = (severity: Severity): number => SEVERITIES.indexOf(severity);

/**
 * `GET /alerts/stream[?minSeverity=high]`: server-sent events (`alert`, `repeat`) for the fraud-ops console, with
 * full numbers: `Authorization: Bearer <ALERT_FEED_TOKEN>` required.
 */
@Controller('alerts')
@UseGuards(FeedTokenGuard)
export class AlertFeedController {
  constructor(private readonly feed: AlertFeed) {}

  @Sse('stream')
  stream(@Query('minSeverity') minSeverity?: string): Observable<MessageEvent> {
    if (minSeverity !== undefined && !SEVERITIES.includes(minSeverity as Severity)) {
      throw new BadRequestException(`minSeverity must be one of ${SEVERITIES.join(', ')}`);
    }
    const floor = severityRank((minSeverity as Severity | undefined) ?? 'low');
    alertRouterMetrics.feedSubscribers.inc();
    return this.feed.stream().pipe(
      filter((item) => severityRank(item.type === 'alert' ? item.alert.severity : item.severity) >= floor),
      map((item) => ({
        type: item.type,
        id: item.type === 'alert' ? item.alert.alertId : item.alertId,
        data: item,
      })),
      finalize(() => alertRouterMetrics.feedSubscribers.dec()),
    );
  }
}
