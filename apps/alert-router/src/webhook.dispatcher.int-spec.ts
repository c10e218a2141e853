import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deadLetterV1 } from '@vigil/contracts';
import { verifyWebhook, type WebhookPayload } from '@vigil/alert-routing';
import { makeAlert } from '../../../libs/alert-routing/test/alert-fixtures';
import { AlertRouterHarness, waitFor } from '../test/alert-router.harness';

jest.setTimeout(90_000);

const SECRET = 'integration-test-signing-secret';

/** What a receiver saw: every request, and the ones it accepted (2xx) after checking the signature. */
interface ReceiverLog {
  requests: number;
  accepted: WebhookPayload[];
  badSignatures: number;
}

/**
 * A real HTTP receiver on 127.0.0.1: verifies X-Vigil-Signature over the raw body, rejects forgeries with 401,
 * and answers `failuresBeforeSuccess` requests with 503 first (Infinity: always).
 */
async function startReceiver(
  failuresBeforeSuccess: number,
): Promise<{ url: string; log: ReceiverLog; server: Server }> {
  const log: ReceiverLog = { requests: 0, accepted: [], badSignatures: 0 };
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      log.requests += 1;
      const signed = verifyWebhook(
        SECRET,
        {
          timestamp: request.headers['x-vigil-timestamp'] as string | undefined,
          signature: request.headers['x-vigil-signature'] as string | undefined,
          body,
        },
        Date.now(),
      );
      if (!signed) {
        log.badSignatures += 1;
        response.writeHead(401).end();
      } else if (log.requests <= failuresBeforeSuccess) {
        response.writeHead(503).end();
      } else {
        const payload = JSON.parse(body) as WebhookPayload;
        if (payload.deliveryId === request.headers['x-vigil-delivery-id']) log.accepted.push(payload);
        response.writeHead(204).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/vigil`, log, server };
}

describe('webhook delivery', () => {
  let harness: AlertRouterHarness;
  const servers: Server[] = [];

  beforeEach(async () => {
    harness = new AlertRouterHarness();
    await harness.setUp({
      WEBHOOK_MAX_ATTEMPTS: '4',
      WEBHOOK_BASE_BACKOFF_MS: '20',
      WEBHOOK_MAX_BACKOFF_MS: '100',
    });
  });
  afterEach(async () => {
    await harness.tearDown();
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it('signs every request, retries a flaky receiver to exactly one acceptance, and dead-letters a dead one', async () => {
    const healthy = await startReceiver(0);
    const flaky = await startReceiver(2);
    const dead = await startReceiver(Infinity);
    servers.push(healthy.server, flaky.server, dead.server);
    const settings = harness.settings((s) => ({
      ...s,
      routing: {
        ...s.routing,
        config: {
          ...s.routing.config,
          webhooks: [
            { id: 'soc', url: healthy.url, minSeverity: 'high', typologies: [] },
            { id: 'relatives-desk', url: flaky.url, minSeverity: 'low', typologies: ['relative_in_trouble'] },
            { id: 'legacy-siem', url: dead.url, minSeverity: 'critical', typologies: [] },
          ],
        },
      },
    }));
    await harness.startRouter(settings);
    await harness.produceAlerts([
      makeAlert({ alertId: 'rel-1', typology: 'relative_in_trouble', severity: 'critical' }),
      makeAlert({
        alertId: 'low-1',
        typology: 'prize_code_theft',
        severity: 'low',
        entity: 'msisdn:77010000044',
      }),
    ]);

    await waitFor(async () => (await harness.readToEnd(harness.env.DLQ_TOPIC)).length >= 1);
    await waitFor(() => harness.committedToEnd(settings.groups.webhooks, settings.topics.webhookOutbox));

    expect(healthy.log).toMatchObject({ requests: 1, badSignatures: 0 });
    expect(healthy.log.accepted.map((payload) => [payload.alert.alertId, payload.webhookId])).toEqual([
      ['rel-1', 'soc'],
    ]);
    expect(flaky.log).toMatchObject({ requests: 3, badSignatures: 0 });
    expect(flaky.log.accepted.map((payload) => payload.alert.alertId)).toEqual(['rel-1']);
    expect(dead.log).toMatchObject({ requests: 4, badSignatures: 0, accepted: [] });

    const letters = (await harness.readToEnd(harness.env.DLQ_TOPIC)).map((record) =>
      deadLetterV1.deserialize(record.value),
    );
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({
      reasonCode: 'WEBHOOK_FAILED',
      sourceTopic: settings.topics.webhookOutbox,
      service: 'alert-router',
      record: { webhookId: 'legacy-siem', alert: { alertId: 'rel-1' } },
    });
    expect(letters[0].reason).toContain('HTTP 503 after 4 attempt(s)');
  });

  it('refuses a forged signature at the receiver', async () => {
    const receiver = await startReceiver(0);
    servers.push(receiver.server);
    const response = await fetch(receiver.url, {
      method: 'POST',
      headers: {
        'X-Vigil-Timestamp': String(Math.floor(Date.now() / 1000)),
        'X-Vigil-Signature': 'sha256=00',
      },
      body: '{}',
    });
    expect(response.status).toBe(401);
    expect(receiver.log.badSignatures).toBe(1);
  });
});
