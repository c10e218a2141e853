import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kafka, Producer } from '@vigil/kafka';
import { SignJWT } from 'jose';
import { HttpSqlExecutor, createClickHouseClient } from '@vigil/clickhouse';
import { blocklistEntryV1, rulePublicationV1 } from '@vigil/contracts';
import { readRuleDocuments } from '../../tools/rules/rule-documents';
import { readTopicsToEnd } from '../../tools/support/kafka-topic-reader';
import type { ServiceProcess } from '../../tools/support/service-process';
import { ConsoleHttpClient } from '../support/console-http-client';
import { testKafka } from '../support/kafka-test-kit';
import { TestPipeline } from '../support/pipeline-kit';
import { uniqueTestName } from '../support/test-names';

const MINUTE = 60_000;
const PSEUDONYM_SECRET = 'e2e-signal-pseudonym-secret-0123456789';
/** The service's development token secret: a test can sign an expired or foreign-subject token with it. */
const DEV_TOKEN_SECRET = 'vigil-dev-signal-token-secret';
const CLIENTS = {
  bank: { secret: 'e2e-bank-secret-0123456789abcdef', scopes: ['scam-signal:check'], rate: 600 },
  transfer: { secret: 'e2e-transfer-secret-0123456789abcd', scopes: ['scam-signal:check'], rate: 600 },
  noscope: { secret: 'e2e-noscope-secret-0123456789abcde', scopes: [], rate: 600 },
  limited: { secret: 'e2e-limited-secret-0123456789abcde', scopes: ['scam-signal:check'], rate: 5 },
} as const;
type ClientName = keyof typeof CLIENTS;

// Home subscribers (7701…, 7702…) and a domestic number outside the home network (79…).
const VICTIM = '77011230001';
const BENIGN = '77011230002';
const RELATIVE = '77021230003';
const WITHDRAWN_VICTIM = '77011230004';
const SCAMMER = '79161234567';
const BYSTANDER = '77011230009';
/** Payees a subscriber may send money to: one approved as a mule, one whose approval has expired. */
const MULE = '77471230010';
const EXPIRED_MULE = '77471230011';
/** Any run of 8–15 digits in a response body would be a full phone number. */
const FULL_NUMBER = /(?<![\w])\d{8,15}(?![\w])/;

/** The scenario happens three hours ago in event time: moving event time past its windows takes one record. */
const T0 = Math.floor((Date.now() - 3 * 60 * MINUTE) / MINUTE) * MINUTE;
const at = (minutes: number) => new Date(T0 + minutes * MINUTE).toISOString();

/** A check's answer: the CAMARA response or error body, loosely typed for assertions. */
type CheckBody = Record<string, unknown> & { riskLevel?: string; openPatterns?: unknown[] };
interface CheckAnswer {
  status: number;
  body: CheckBody | undefined;
  headers: Headers;
  text: string;
}

function clientsFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'vigil-signal-'));
  const file = path.join(dir, 'clients.yaml');
  const lines = ['clients:'];
  for (const [name, client] of Object.entries(CLIENTS)) {
    lines.push(
      `  - clientId: e2e-${name}`,
      `    sha256: ${createHash('sha256').update(client.secret).digest('hex')}`,
      `    scopes: [${client.scopes.join(', ')}]`,
      `    purpose: e2e-${name}-purpose`,
      `    rateLimitPerMinute: ${client.rate}`,
    );
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('scam signal', () => {
  let kafka: Kafka;
  let pipeline: TestPipeline;
  let producer: Producer;
  let correlator: ServiceProcess;
  let signal: ServiceProcess;
  let executor: HttpSqlExecutor;
  const database = uniqueTestName('e2e_signal');
  const tokens = new Map<ClientName, string>();
  /** Checks made by authenticated clients, each one must be audited. */
  let authenticatedChecks = 0;

  async function produce(topic: 'sms' | 'calls' | 'payments', records: object[]): Promise<void> {
    await producer.send({
      topic: pipeline.topics[topic],
      messages: records.map((record) => ({ value: JSON.stringify(record) })),
    });
  }

  async function token(client: ClientName): Promise<string> {
    const known = tokens.get(client);
    if (known) return known;
    const response = await fetch(`${signal.baseUrl}/oauth2/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`e2e-${client}:${CLIENTS[client].secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 300 });
    tokens.set(client, body.access_token);
    return body.access_token;
  }

  async function check(
    body: unknown,
    options: {
      client?: ClientName;
      bearer?: string;
      headers?: Record<string, string>;
      unaudited?: boolean;
    } = {},
  ): Promise<CheckAnswer> {
    const bearer = options.bearer ?? (options.client ? await token(options.client) : await token('bank'));
    // Refused before authentication (unreadable body, malformed x-correlator): no client to audit yet.
    if ((options.bearer === undefined || options.client !== undefined) && !options.unaudited)
      authenticatedChecks += 1;
    const response = await fetch(`${signal.baseUrl}/scam-signal/v1/check`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(bearer === '' ? {} : { authorization: `Bearer ${bearer}` }),
        ...options.headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? JSON.parse(text) : undefined,
      headers: response.headers,
      text,
    };
  }

  async function riskOf(msisdn: string): Promise<string> {
    const answer = await check({ phoneNumber: `+${msisdn}` });
    expect(answer.status).toBe(200);
    return String(answer.body?.riskLevel);
  }

  async function waitForRisk(msisdn: string, level: string, timeoutMs = 30_000): Promise<CheckBody> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const answer = await check({ phoneNumber: `+${msisdn}` });
      if (answer.body?.riskLevel === level) return answer.body as CheckBody;
      if (Date.now() > deadline)
        throw new Error(
          `+${msisdn} still ${JSON.stringify(answer.body)} after ${timeoutMs} ms, not ${level}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  async function waitFor(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`not so after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** Waits until the correlator has run every entity event ingest has written so far. */
  async function correlatorCaughtUp(): Promise<void> {
    const records = await readTopicsToEnd(kafka, [pipeline.topics.entityEvents]);
    const events = records.filter((record) => !record.watermark).length;
    const deadline = Date.now() + 30_000;
    while ((await correlator.metric('vigil_correlator_events_processed_total')) < events) {
      if (Date.now() > deadline)
        throw new Error(`correlator did not process ${events} entity events in 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // its risk states: after the batch, and a tick
  }

  beforeAll(async () => {
    kafka = testKafka();
    pipeline = new TestPipeline(kafka);
    await pipeline.createTopics();
    producer = kafka.producer();
    await producer.connect();
    // The rule set as the rules CLI publishes it, so one rule can be withdrawn live later.
    await producer.send({
      topic: pipeline.topics.rules,
      messages: readRuleDocuments('rules').map((rule) => ({
        key: rule.ruleId,
        value: rulePublicationV1.serialize({
          ...rule,
          publishedAt: new Date().toISOString(),
          publishedBy: 'e2e',
        }),
      })),
    });
    // The benign subscriber has known their relative for days: that call is not a first contact.
    await produce('sms', [
      {
        eventId: 'known-1',
        occurredAt: at(-2 * 24 * 60),
        sender: BENIGN,
        recipient: RELATIVE,
        text: 'Привет, как дела?',
      },
    ]);
    executor = new HttpSqlExecutor(createClickHouseClient({ url: process.env.CLICKHOUSE_URL! }));
    await pipeline.start('ingest', { IDLE_TIMEOUT_MS: '2000' });
    correlator = await pipeline.start('correlator');
    signal = await pipeline.start('signal', {
      CLICKHOUSE_DATABASE: database,
      ANALYTICS_PSEUDONYM_SECRET: PSEUDONYM_SECRET,
      SIGNAL_CLIENTS_FILE: clientsFile(),
    });
  }, 180_000);

  afterAll(async () => {
    await producer?.disconnect();
    await pipeline?.stopAll();
    await pipeline?.deleteTopics();
    await executor?.command(`DROP DATABASE IF EXISTS ${database}`).catch(() => undefined);
    await executor?.close();
  });

  it('drives the victim from none to high to critical and back to none as a prize-code theft unfolds and expires, while a benign look-alike stays none', async () => {
    expect(await riskOf(VICTIM)).toBe('none');

    // The lure: an unknown caller, 2 minutes; the benign subscriber's relative calls at the same time.
    await produce('calls', [
      {
        eventId: 'lure-1',
        startedAt: at(0),
        caller: SCAMMER,
        callee: VICTIM,
        answered: true,
        durationSec: 120,
      },
      {
        eventId: 'rel-1',
        startedAt: at(1),
        caller: RELATIVE,
        callee: BENIGN,
        answered: true,
        durationSec: 180,
      },
    ]);
    await produce('payments', [
      {
        eventId: 'top-1',
        occurredAt: at(5),
        type: 'topup',
        msisdn: VICTIM,
        amount: 2000,
        currency: 'KZT',
        channel: 'terminal',
      },
      {
        eventId: 'top-2',
        occurredAt: at(6),
        type: 'topup',
        msisdn: BENIGN,
        amount: 2000,
        currency: 'KZT',
        channel: 'terminal',
      },
    ]);
    const high = await waitForRisk(VICTIM, 'high');
    expect(high.openPatterns).toEqual([
      { typology: 'prize_code_theft', stage: 'topup', since: at(0), lastEventAt: at(5) },
    ]);
    expect(high.inCallWithUnknownNumberRecently).toBe(true);
    await correlatorCaughtUp();
    expect(await riskOf(BENIGN)).toBe('none');

    // The confirmation code: one step from the loss.
    await produce('sms', [
      {
        eventId: 'otp-1',
        occurredAt: at(7),
        sender: 'Kaspi',
        recipient: VICTIM,
        text: 'Your verification code is 4821. Do not share it with anyone.',
      },
      {
        eventId: 'otp-2',
        occurredAt: at(8),
        sender: 'Kaspi',
        recipient: BENIGN,
        text: 'Your verification code is 7710. Do not share it with anyone.',
      },
    ]);
    const critical = await waitForRisk(VICTIM, 'critical');
    expect(critical.openPatterns).toEqual([
      { typology: 'prize_code_theft', stage: 'code', since: at(0), lastEventAt: at(7) },
    ]);
    expect(Date.parse(String(critical.stateAsOf))).toBeGreaterThan(Date.now() - 5_000);
    expect(JSON.stringify(critical)).not.toMatch(FULL_NUMBER);
    await correlatorCaughtUp();
    expect(await riskOf(BENIGN)).toBe('none');

    // A second instance, started now, restores the state from the compacted topic and answers the same.
    const second = await pipeline.start('signal', {
      CLICKHOUSE_DATABASE: database,
      ANALYTICS_PSEUDONYM_SECRET: PSEUDONYM_SECRET,
      SIGNAL_CLIENTS_FILE: clientsFile(),
    });
    const secondAnswer = await fetch(`${second.baseUrl}/scam-signal/v1/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token('bank')}` },
      body: JSON.stringify({ phoneNumber: `+${VICTIM}` }),
    });
    authenticatedChecks += 1;
    expect(((await secondAnswer.json()) as CheckBody).riskLevel).toBe('critical');
    await second.stop();

    // Event time moves past every window of the pattern (a bystander's SMS 40 minutes later): it expires.
    await produce('sms', [
      { eventId: 'later-1', occurredAt: at(40), sender: BYSTANDER, recipient: RELATIVE, text: 'ok' },
    ]);
    const after = await waitForRisk(VICTIM, 'none', 45_000);
    expect(after.openPatterns).toEqual([]);
    expect(await riskOf(BENIGN)).toBe('none');
  }, 240_000);

  it('clears a pattern whose rule is withdrawn live', async () => {
    await produce('calls', [
      {
        eventId: 'lure-2',
        startedAt: at(41),
        caller: SCAMMER,
        callee: WITHDRAWN_VICTIM,
        answered: true,
        durationSec: 90,
      },
    ]);
    await produce('payments', [
      {
        eventId: 'top-3',
        occurredAt: at(44),
        type: 'topup',
        msisdn: WITHDRAWN_VICTIM,
        amount: 1500,
        currency: 'KZT',
        channel: 'voucher',
      },
    ]);
    await waitForRisk(WITHDRAWN_VICTIM, 'high');
    await producer.send({
      topic: pipeline.topics.rules,
      messages: [{ key: 'prize_code_theft', value: null }],
    });
    const cleared = await waitForRisk(WITHDRAWN_VICTIM, 'none');
    expect(cleared.openPatterns).toEqual([]);
  }, 120_000);

  it('answers payeeKnownMule and at least high for a payee on the block list as a mule, not once its entry expired or was lifted', async () => {
    const payment = (payee: string) => ({
      phoneNumber: `+${BYSTANDER}`,
      context: { transactionId: `tx-${payee.length}`, amount: 15_000, currency: 'KZT', payee },
    });
    const entry = (number: string, expiresAt: number) => ({
      key: `msisdn:${number}`,
      value: blocklistEntryV1.serialize({
        number: `msisdn:${number}`,
        role: 'mule',
        proposalId: `proposal-${number}`,
        campaignId: `campaign-${number}`,
        approvedBy: 'e2e-analyst',
        approvedAt: new Date().toISOString(),
        reason: 'transfers from 8 unrelated subscribers',
        expiresAt: new Date(expiresAt).toISOString(),
      }),
    });
    const before = await check(payment(`+${MULE}`));
    expect(before.body).toMatchObject({ riskLevel: 'none', payeeKnownMule: false });

    await producer.send({
      topic: pipeline.topics.blocklist,
      messages: [entry(MULE, Date.now() + 24 * 60 * MINUTE), entry(EXPIRED_MULE, Date.now() - MINUTE)],
    });
    await waitFor(async () => (await check(payment(`+${MULE}`))).body?.payeeKnownMule === true);
    const known = await check(payment(`+${MULE}`));
    expect(known.status).toBe(200);
    expect(known.body).toMatchObject({ riskLevel: 'high', payeeKnownMule: true, openPatterns: [] });
    // The number plan's other spellings of the same number are the same payee.
    expect((await check(payment(`8${MULE.slice(1)}`))).body).toMatchObject({ payeeKnownMule: true });
    // Nothing else about the number: no campaign, no analyst, no reason, no number.
    expect(known.text).not.toMatch(/campaign|proposal|analyst|unrelated/);
    expect(known.text).not.toMatch(FULL_NUMBER);
    const expired = await check(payment(`+${EXPIRED_MULE}`));
    expect(expired.body).toMatchObject({ riskLevel: 'none', payeeKnownMule: false });
    // A check without a payee is answered as before.
    expect(await check({ phoneNumber: `+${BYSTANDER}` })).toMatchObject({ status: 200 });
    expect((await check({ phoneNumber: `+${BYSTANDER}` })).body).not.toHaveProperty('payeeKnownMule');

    // A tombstone lifts the entry at once.
    await producer.send({
      topic: pipeline.topics.blocklist,
      messages: [{ key: `msisdn:${MULE}`, value: null }],
    });
    await waitFor(async () => (await check(payment(`+${MULE}`))).body?.payeeKnownMule === false);
    expect((await check(payment(`+${MULE}`))).body).toMatchObject({
      riskLevel: 'none',
      payeeKnownMule: false,
    });
  }, 120_000);

  describe('security', () => {
    const victim = { phoneNumber: `+${VICTIM}` };
    const unauthenticated = {
      status: 401,
      code: 'UNAUTHENTICATED',
      message: 'Request not authenticated due to missing, invalid, or expired credentials.',
    };

    it('refuses a check without a token, with a forged, an expired or an unknown client’s token (401)', async () => {
      const key = createHash('sha256').update(DEV_TOKEN_SECRET).digest();
      const sign = (subject: string, expiresAt: number, signingKey: Uint8Array = key) =>
        new SignJWT({ scope: 'scam-signal:check', purpose: 'p' })
          .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
          .setIssuer('vigil-signal')
          .setAudience('scam-signal')
          .setSubject(subject)
          .setIssuedAt(Math.floor(expiresAt / 1000) - 300)
          .setExpirationTime(Math.floor(expiresAt / 1000))
          .sign(signingKey);
      const nowMs = Date.now();
      const cases = [
        '',
        'not-a-jwt',
        await sign('e2e-bank', nowMs - 1_000), // expired
        await sign('e2e-ghost', nowMs + 60_000), // a client that is not registered
        await sign('e2e-bank', nowMs + 60_000, createHash('sha256').update('another-service').digest()),
        `${(await token('bank')).slice(0, -4)}AAAA`, // tampered signature
      ];
      for (const bearer of cases) {
        const answer = await check(victim, { bearer });
        expect(answer).toMatchObject({ status: 401, body: unauthenticated });
        expect(answer.text).not.toContain(VICTIM);
      }
    });

    it('refuses a token without the scope, and a client asking for a scope it does not have (403, invalid_scope)', async () => {
      const answer = await check(victim, { client: 'noscope' });
      expect(answer).toMatchObject({
        status: 403,
        body: {
          status: 403,
          code: 'PERMISSION_DENIED',
          message: 'Client does not have sufficient permissions to perform this action.',
        },
      });
      const response = await fetch(`${signal.baseUrl}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `grant_type=client_credentials&scope=scam-signal%3Acheck&client_id=e2e-noscope&client_secret=${CLIENTS.noscope.secret}`,
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        error: 'invalid_scope',
        error_description: 'a requested scope is not registered for this client',
      });
      const wrongSecret = await fetch(`${signal.baseUrl}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials&client_id=e2e-bank&client_secret=guess',
      });
      expect(wrongSecret.status).toBe(401);
      expect(await wrongSecret.json()).toEqual({
        error: 'invalid_client',
        error_description: 'client authentication failed',
      });
    });

    it('answers malformed numbers and injection payloads in every field with INVALID_ARGUMENT, echoing nothing', async () => {
      const payloads = [
        "+7701'; DROP TABLE scam_signal_checks; --",
        '<script>alert(1)</script>',
        '${jndi:ldap://example.invalid/a}',
        '{{7*7}}',
        '77011230001',
        '+7 701 123 00 01',
      ];
      // Digits alone are a valid transaction id or payee reference, only not a valid phone number.
      const fieldPayloads = payloads.filter((payload) => !/^\d+$/.test(payload));
      const bodies: unknown[] = [
        ...payloads.map((phoneNumber) => ({ phoneNumber })),
        ...fieldPayloads.map((transactionId) => ({
          ...victim,
          context: { transactionId, amount: 10, currency: 'KZT' },
        })),
        ...fieldPayloads.map((payee) => ({
          ...victim,
          context: { transactionId: 't', amount: 10, currency: 'KZT', payee },
        })),
        ...fieldPayloads.map((currency) => ({
          ...victim,
          context: { transactionId: 't', amount: 10, currency },
        })),
        { ...victim, context: { transactionId: 't', amount: '10; DROP', currency: 'KZT' } },
        { ...victim, counterparty: `+${SCAMMER}` },
        '[]',
      ];
      const malformedJson = '{"phoneNumber": "+77011230001"';
      for (const body of [...bodies, malformedJson]) {
        const answer = await check(body, { unaudited: body === malformedJson });
        expect(answer.status).toBe(400);
        expect(answer.body).toMatchObject({ status: 400, code: 'INVALID_ARGUMENT' });
        for (const payload of [...payloads, SCAMMER, VICTIM, 'DROP'])
          expect(answer.text).not.toContain(payload);
      }
      const header = await check(victim, { headers: { 'x-correlator': '<script>"' }, unaudited: true });
      expect(header.status).toBe(400);
      expect(header.text).not.toContain('script');
      expect(header.headers.get('x-correlator')).toBeNull();
    });

    it('refuses a body it cannot read (too large, not JSON, prototype-poisoned) in its protocol’s shape, and serves its OpenAPI document', async () => {
      const invalid = { status: 400, code: 'INVALID_ARGUMENT' };
      const unreadable = [
        JSON.stringify({
          ...victim,
          context: { transactionId: 'x'.repeat(5_000), amount: 1, currency: 'KZT' },
        }),
        `{"__proto__": {"admin": true}, "phoneNumber": "+${VICTIM}"}`,
      ];
      for (const body of unreadable) {
        const answer = await check(body, { unaudited: true });
        expect(answer).toMatchObject({ status: 400, body: invalid });
        expect(answer.text).not.toContain(VICTIM);
        expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      }
      // Text is read (and refused once the client is known: audited); a type the service does not read is not.
      const text = await check(`phoneNumber=%2B${VICTIM}`, { headers: { 'content-type': 'text/plain' } });
      expect(text).toMatchObject({ status: 400, body: invalid });
      const xml = await check(`<phoneNumber>+${VICTIM}</phoneNumber>`, {
        headers: { 'content-type': 'application/xml' },
        unaudited: true,
      });
      expect(xml).toMatchObject({ status: 400, body: invalid });
      expect(xml.text).not.toContain(VICTIM);
      for (const [contentType, body] of [
        ['application/x-www-form-urlencoded', `grant_type=client_credentials&pad=${'x'.repeat(5_000)}`],
        ['application/json', '{"grant_type": '],
      ]) {
        const response = await fetch(`${signal.baseUrl}/oauth2/token`, {
          method: 'POST',
          headers: { 'content-type': contentType },
          body,
        });
        expect(response.status).toBe(400);
        expect(await response.json()).toEqual({
          error: 'invalid_request',
          error_description: 'malformed body',
        });
      }
      const unknownRoute = await fetch(`${signal.baseUrl}/scam-signal/v1/nothing-here`);
      expect(unknownRoute.status).toBe(404);
      expect(await unknownRoute.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
      const document = await fetch(`${signal.baseUrl}/scam-signal/v1/openapi.yaml`);
      expect(document.status).toBe(200);
      expect(document.headers.get('content-type')).toContain('application/yaml');
      expect(await document.text()).toContain('/scam-signal/v1/check');
      const json = await fetch(`${signal.baseUrl}/scam-signal/v1/openapi.json`);
      expect(((await json.json()) as { openapi: string }).openapi).toMatch(/^3\./);
    });

    it('echoes x-correlator, answers 404 IDENTIFIER_NOT_FOUND outside the home network, and never names a counterparty', async () => {
      const answer = await check(victim, {
        headers: { 'x-correlator': 'b4333c46-49c0-4f62-80d7-f0ef930f1c46' },
      });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-correlator')).toBe('b4333c46-49c0-4f62-80d7-f0ef930f1c46');
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Object.keys(answer.body ?? {}).sort()).toEqual(
        ['assessedAt', 'inCallWithUnknownNumberRecently', 'openPatterns', 'riskLevel', 'stateAsOf'].sort(),
      );
      expect(answer.text).not.toContain(SCAMMER);
      const foreign = await check({ phoneNumber: `+${SCAMMER}` });
      expect(foreign).toMatchObject({
        status: 404,
        body: {
          status: 404,
          code: 'IDENTIFIER_NOT_FOUND',
          message: 'The phoneNumber is not a subscriber of this network.',
        },
      });
    });

    it('enforces each client’s rate limit with 429 TOO_MANY_REQUESTS, other clients unaffected', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < CLIENTS.limited.rate + 2; i++)
        statuses.push((await check(victim, { client: 'limited' })).status);
      expect(statuses).toEqual([...Array(CLIENTS.limited.rate).fill(200), 429, 429]);
      const refused = await check(victim, { client: 'limited' });
      expect(refused.body).toEqual({
        status: 429,
        code: 'TOO_MANY_REQUESTS',
        message: 'Either out of resource quota or reaching rate limiting.',
      });
      // 5 a minute: the next one in about 12 s.
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(12);
      expect((await check(victim, { client: 'transfer' })).status).toBe(200);
    });

    it('audits every check of an authenticated client: client, purpose, hashed number, answer, time; never the number', async () => {
      const table = `${database}.scam_signal_checks`;
      const deadline = Date.now() + 15_000;
      let rows: { n: string }[] = [];
      while (Date.now() < deadline) {
        rows = await executor.query<{ n: string }>(`SELECT count() AS n FROM ${table}`);
        if (Number(rows[0].n) >= authenticatedChecks) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(Number(rows[0].n)).toBe(authenticatedChecks);
      const byClient = await executor.query<{
        client_id: string;
        purpose: string;
        outcome: string;
        n: string;
      }>(
        `SELECT client_id, purpose, outcome, count() AS n FROM ${table} GROUP BY client_id, purpose, outcome ORDER BY client_id, outcome`,
      );
      expect(byClient).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            client_id: 'e2e-limited',
            purpose: 'e2e-limited-purpose',
            outcome: 'TOO_MANY_REQUESTS',
          }),
          expect.objectContaining({ client_id: 'e2e-noscope', outcome: 'PERMISSION_DENIED' }),
          expect.objectContaining({
            client_id: 'e2e-bank',
            purpose: 'e2e-bank-purpose',
            outcome: 'critical',
          }),
          expect.objectContaining({ client_id: 'e2e-bank', outcome: 'IDENTIFIER_NOT_FOUND' }),
          expect.objectContaining({ client_id: 'e2e-bank', outcome: 'INVALID_ARGUMENT' }),
        ]),
      );
      const dump = await executor.query<Record<string, string>>(`SELECT * FROM ${table}`);
      const text = JSON.stringify(dump);
      expect(text).not.toContain(VICTIM);
      expect(text).not.toContain(SCAMMER);
      const hashed = await executor.query<{ n: string }>(
        `SELECT count() AS n FROM ${table} WHERE subscriber_display = '***01' AND length(subscriber_key) = 32`,
      );
      expect(Number(hashed[0].n)).toBeGreaterThan(0);
    });
    it('shows admins in the console, for a subscriber, the checks partners made and what they were told', async () => {
      const consoleService = await pipeline.start('console', {
        CLICKHOUSE_DATABASE: database,
        ANALYTICS_PSEUDONYM_SECRET: PSEUDONYM_SECRET,
      });
      const client = new ConsoleHttpClient(consoleService.baseUrl);
      const admin = await client.signIn('vigil-demo-admin-key-2026');
      const analyst = await client.signIn('vigil-demo-analyst-key-2026');
      const route = '/api/subscribers/signal-checks';
      const lookup = { body: { msisdn: `+${VICTIM}` } };
      expect((await client.call('POST', route, { ...lookup, token: analyst })).status).toBe(403);
      const response = await client.call('POST', route, { ...lookup, token: admin });
      expect(response.status).toBe(200);
      const text = await response.text();
      const { subscriber, checks } = JSON.parse(text) as {
        subscriber: string;
        checks: { clientId: string; purpose: string; outcome: string; openPatterns: unknown[] }[];
      };
      expect(subscriber).toBe('***01');
      expect(checks).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            clientId: 'e2e-bank',
            purpose: 'e2e-bank-purpose',
            outcome: 'critical',
            openPatterns: [{ typology: 'prize_code_theft', stage: 'code' }],
          }),
          expect.objectContaining({ clientId: 'e2e-limited', outcome: 'TOO_MANY_REQUESTS' }),
        ]),
      );
      expect(text).not.toContain(VICTIM);
    }, 90_000);
  });
});
