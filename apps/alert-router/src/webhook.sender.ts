import { Inject, Injectable } from '@nestjs/common';
import { signWebhook, webhookHeaders, type WebhookPayload, type WebhookTarget } from '@vigil/alert-routing';
import type { AlertRouterSettings } from './alert-router.config';
import { ALERT_ROUTER_SETTINGS } from './alert-router.constants';

/** The result of one HTTP attempt. */
export type WebhookAttemptResult =
  { ok: true; status: number } | { ok: false; retriable: boolean; failure: string };

// A receiver that answers these may succeed later; any other 4xx means the request itself is refused.
const RETRIABLE_STATUSES = new Set([408, 425, 429]);

/** One signed POST of a delivery: JSON body, X-Vigil-Timestamp (epoch seconds) and X-Vigil-Signature over both. */
@Injectable()
export class WebhookSender {
  constructor(@Inject(ALERT_ROUTER_SETTINGS) private readonly settings: AlertRouterSettings) {}

  async send(target: WebhookTarget, payload: WebhookPayload): Promise<WebhookAttemptResult> {
    const body = JSON.stringify(payload);
    const timestamp = String(Math.floor(Date.now() / 1000));
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'vigil-alert-router',
          [webhookHeaders.timestamp]: timestamp,
          [webhookHeaders.signature]: signWebhook(this.settings.webhooks.signingSecret, timestamp, body),
          [webhookHeaders.deliveryId]: payload.deliveryId,
        },
        body,
        signal: AbortSignal.timeout(this.settings.webhooks.timeoutMs),
        redirect: 'error',
      });
      await response.body?.cancel(); // the body is not needed; free the connection
      if (response.ok) return { ok: true, status: response.status };
      const retriable = response.status >= 500 || RETRIABLE_STATUSES.has(response.status);
      return { ok: false, retriable, failure: `HTTP ${response.status}` };
    } catch (error) {
      const cause = (error as Error & { cause?: { code?: string } }).cause?.code;
      return { ok: false, retriable: true, failure: `${(error as Error).name}${cause ? ` ${cause}` : ''}` };
    }
  }
}
