import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Subject, type Observable } from 'rxjs';
import type { AlertV1 } from '@vigil/contracts';

/** A routed alert as the console sees it. */
export interface FeedAlert {
  type: 'alert';
  reason: 'first' | 'escalation';
  repeatCount: number;
  alert: AlertV1;
}

/** A repeat folded into an earlier alert: the console bumps that alert's count instead of showing a new one. */
export interface FeedRepeat {
  type: 'repeat';
  firstAlertId: string;
  alertId: string;
  entity: string;
  typology: string;
  severity: AlertV1['severity'];
  repeatCount: number;
}

export type FeedItem = FeedAlert | FeedRepeat;

/**
 * The live ops feed: alerts are published once their routing is durable. Live only — a console that reconnects
 * reads history from the analytics store, not from here.
 */
@Injectable()
export class AlertFeed implements OnModuleDestroy {
  private readonly items = new Subject<FeedItem>();

  publish(item: FeedItem): void {
    this.items.next(item);
  }

  stream(): Observable<FeedItem> {
    return this.items.asObservable();
  }

  onModuleDestroy(): void {
    this.items.complete(); // ends open SSE responses so the HTTP server can close
  }
}
