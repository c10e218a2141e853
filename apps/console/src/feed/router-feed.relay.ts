import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Subject, type Observable } from 'rxjs';
import { CONSOLE_ENV } from '../console.constants';
import type { ConsoleEnv } from '../console.config';
import { consoleMetrics } from '../console.metrics';
import { type ConsoleFeedItem, type RouterFeedItem, toConsoleFeedItem } from './console-feed-item';
import { RevealedPartiesCache } from './revealed-parties.cache';
import { SseEventParser } from './sse-event.parser';

const MAX_RECONNECT_MS = 30_000;

/**
 * One connection to the alert router's `GET /alerts/stream`, fanned out to every signed-in browser. Relaying (rather
 * than consuming vigil.alerts.v1) keeps the router's dedup and suppression. Items are masked here, before anything
 * else sees them; the full parties go only to the reveal cache. Reconnects with doubling backoff.
 */
@Injectable()
export class RouterFeedRelay implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RouterFeedRelay.name);
  private readonly items = new Subject<ConsoleFeedItem>();
  private readonly abort = new AbortController();
  readonly parties = new RevealedPartiesCache();
  private connectedState = false;
  private lastItemAt: string | null = null;

  constructor(@Inject(CONSOLE_ENV) private readonly env: ConsoleEnv) {}

  /** Whether the upstream stream is open, and when its last item arrived. */
  get status(): { connected: boolean; lastItemAt: string | null; upstream: string } {
    return {
      connected: this.connectedState,
      lastItemAt: this.lastItemAt,
      upstream: this.env.ALERT_ROUTER_URL,
    };
  }

  /** Masked items as they arrive (live only; history comes from the analytics store). */
  stream(): Observable<ConsoleFeedItem> {
    return this.items.asObservable();
  }

  onModuleInit(): void {
    void this.run();
  }

  onModuleDestroy(): void {
    this.abort.abort();
    this.items.complete(); // ends open SSE responses so the HTTP server can close
  }

  private async run(): Promise<void> {
    let backoffMs = this.env.FEED_RECONNECT_MS;
    while (!this.abort.signal.aborted) {
      try {
        await this.follow(() => (backoffMs = this.env.FEED_RECONNECT_MS));
      } catch (error) {
        if (this.abort.signal.aborted) return;
        this.logger.warn({ msg: 'alert feed disconnected', upstream: this.env.ALERT_ROUTER_URL, error });
      }
      this.setConnected(false);
      await new Promise((resolve) => setTimeout(resolve, backoffMs));
      backoffMs = Math.min(backoffMs * 2, MAX_RECONNECT_MS);
    }
  }

  private async follow(onOpen: () => void): Promise<void> {
    const response = await fetch(new URL('/alerts/stream', this.env.ALERT_ROUTER_URL), {
      headers: { accept: 'text/event-stream', authorization: `Bearer ${this.env.ALERT_FEED_TOKEN}` },
      signal: this.abort.signal,
    });
    if (!response.ok || !response.body) throw new Error(`alert router answered ${response.status}`);
    onOpen();
    this.setConnected(true);
    this.logger.log({ msg: 'alert feed connected', upstream: this.env.ALERT_ROUTER_URL });
    const parser = new SseEventParser();
    const decoder = new TextDecoder();
    for await (const chunk of response.body) {
      for (const event of parser.push(decoder.decode(chunk as Uint8Array, { stream: true })))
        this.accept(event.data);
    }
  }

  private accept(data: string): void {
    let item: RouterFeedItem;
    try {
      item = JSON.parse(data) as RouterFeedItem;
    } catch {
      consoleMetrics.feedItems.inc({ type: 'invalid' });
      return;
    }
    if (item.type === 'alert' && item.alert) {
      this.parties.remember(item.alert.alertId, {
        entity: item.alert.entity,
        counterparties: item.alert.counterparties ?? [],
      });
    } else if (item.type !== 'repeat') {
      consoleMetrics.feedItems.inc({ type: 'invalid' });
      return;
    }
    this.lastItemAt = new Date().toISOString();
    consoleMetrics.feedItems.inc({ type: item.type });
    this.items.next(toConsoleFeedItem(item));
  }

  private setConnected(connected: boolean): void {
    if (connected === this.connectedState) return;
    this.connectedState = connected;
    consoleMetrics.feedConnected.set(connected ? 1 : 0);
    this.items.next({ type: 'status', connected });
  }
}
