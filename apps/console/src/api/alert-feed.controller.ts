import { Controller, type MessageEvent, Query, Sse } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { concat, filter, finalize, interval, map, merge, type Observable, of } from 'rxjs';
import { SEVERITIES, type Severity } from '@vigil/contracts';
import { consoleMetrics } from '../console.metrics';
import type { ConsoleFeedItem } from '../feed/console-feed-item';
import { RouterFeedRelay } from '../feed/router-feed.relay';
import { parseInput } from '../http/parse-input';
import { alertStreamQuery } from './alerts.schemas';
import { ApiQueryParams, ApiSession } from './api-docs.decorators';

/** Proxies and load balancers close idle streams; a comment-like ping every 15 s keeps the feed open. */
const KEEP_ALIVE_MS = 15_000;

const rank = (severity: Severity): number => SEVERITIES.indexOf(severity);

/** `GET /api/feed`: the live alert feed as server-sent events (`alert`, `repeat`, `status`, `ping`), masked. */
@ApiTags('live feed')
@ApiSession()
@Controller('api/feed')
export class AlertFeedController {
  constructor(private readonly relay: RouterFeedRelay) {}

  @Sse()
  @ApiProduces('text/event-stream')
  @ApiOperation({
    summary: 'Live alerts relayed from the alert router (deduplicated, suppressed), numbers masked',
  })
  @ApiQueryParams({ minSeverity: 'low, medium, high or critical (default low)' })
  stream(@Query() query: unknown): Observable<MessageEvent> {
    const floor = rank(parseInput(alertStreamQuery, query).minSeverity ?? 'low');
    consoleMetrics.feedSubscribers.inc();
    const items = this.relay.stream().pipe(
      filter((item: ConsoleFeedItem) => {
        if (item.type === 'status') return true;
        return rank(item.type === 'alert' ? item.alert.severity : item.severity) >= floor;
      }),
      map((item) => ({ type: item.type, data: item })),
    );
    const status = of({ type: 'status', data: { type: 'status', connected: this.relay.status.connected } });
    const pings = interval(KEEP_ALIVE_MS).pipe(map(() => ({ type: 'ping', data: {} })));
    return merge(concat(status, items), pings).pipe(finalize(() => consoleMetrics.feedSubscribers.dec()));
  }
}
