import fs from 'node:fs';
import path from 'node:path';
import {
  alertV1,
  callEventV1,
  ContractError,
  deadLetterV1,
  entityEventV1,
  notificationV1,
  paymentEventV1,
  smsEventV1,
  TOPIC_SPECS,
  type Contract,
} from './index';

const validExamples: [string, Contract<unknown>, unknown][] = [
  [
    'sms',
    smsEventV1,
    {
      eventId: 's1',
      occurredAt: '2026-11-25T08:00:00+05:00',
      sender: '7575',
      recipient: '77011234567',
      text: 'hi',
    },
  ],
  [
    'call',
    callEventV1,
    {
      eventId: 'c1',
      startedAt: '2026-11-25T08:00:00Z',
      caller: 'anonymous',
      callee: '77011234567',
      answered: true,
      durationSec: 95,
    },
  ],
  [
    'payment',
    paymentEventV1,
    {
      eventId: 'p1',
      occurredAt: '2026-11-25T08:00:00Z',
      type: 'topup',
      msisdn: '77011234567',
      amount: 5000,
      currency: 'KZT',
      channel: 'bank_card',
      cardToken: 'tok_1',
    },
  ],
  [
    'alert',
    alertV1,
    {
      alertId: 'a1',
      ruleId: 'prize_code_theft',
      ruleVersion: 1,
      typology: 'prize_code_theft',
      severity: 'critical',
      stage: 'confirmed',
      entity: 'msisdn:77011234567',
      detectedAt: '2026-11-25T08:00:00Z',
      firstEventAt: '2026-11-25T07:40:00Z',
      lastEventAt: '2026-11-25T07:59:00Z',
      evidence: [
        { eventId: 'c1:call_in', kind: 'call_in', occurredAt: '2026-11-25T07:40:00Z', step: 'lure' },
      ],
      explanation: 'Unknown caller, top-up, code delivered, call back to the caller.',
    },
  ],
  [
    'notification',
    notificationV1,
    {
      notificationId: 'n1',
      msisdn: '77011234567',
      template: 'never-share-code',
      language: 'kk',
      alertId: 'a1',
      createdAt: '2026-11-25T08:00:00Z',
    },
  ],
  [
    'entity event',
    entityEventV1,
    {
      eventId: 's1:sms_in',
      sourceEventId: 's1',
      sourceTopic: 'telco.sms.v1',
      entity: 'msisdn:77011234567',
      kind: 'sms_in',
      occurredAt: '2026-11-25T08:00:00Z',
      ingestedAt: '2026-11-25T08:00:01Z',
      counterparty: '7575',
      counterpartyClass: 'short_number',
      features: { hasUrl: true, urlDomains: ['kce11-prize.com'], otpCode: false },
    },
  ],
  [
    'dead letter',
    deadLetterV1,
    {
      sourceTopic: 'telco.sms.v1',
      sourcePartition: 3,
      sourceOffset: '42',
      reasonCode: 'MALFORMED_JSON',
      reason: 'not JSON',
      failedAt: '2026-11-25T08:00:00Z',
      service: 'ingest',
      textLength: 12,
      textHash: 'ab',
    },
  ],
];

describe('contracts', () => {
  it.each(validExamples)(
    'accepts a valid %s and round-trips it through bytes',
    (_name, contract, example) => {
      expect(contract.validate(example)).toEqual({ ok: true, value: example });
      expect(contract.deserialize(contract.serialize(example))).toEqual(example);
    },
  );

  const invalid: [string, Contract<unknown>, unknown, string][] = [
    [
      'a missing required field',
      smsEventV1,
      { eventId: 's1', occurredAt: '2026-11-25T08:00:00Z', sender: 'x' },
      "(root): must have required property 'recipient'",
    ],
    [
      'a timestamp without offset',
      smsEventV1,
      { eventId: 's1', occurredAt: '2026-11-25 08:00', sender: 'x', recipient: 'y' },
      '/occurredAt: must match format "date-time"',
    ],
    [
      'a wrong type',
      callEventV1,
      {
        eventId: 'c',
        startedAt: '2026-11-25T08:00:00Z',
        caller: 'a',
        callee: 'b',
        answered: 'yes',
        durationSec: 1,
      },
      '/answered: must be boolean',
    ],
    [
      'a negative duration',
      callEventV1,
      {
        eventId: 'c',
        startedAt: '2026-11-25T08:00:00Z',
        caller: 'a',
        callee: 'b',
        answered: true,
        durationSec: -1,
      },
      '/durationSec: must be >= 0',
    ],
    [
      'a zero amount',
      paymentEventV1,
      {
        eventId: 'p',
        occurredAt: '2026-11-25T08:00:00Z',
        type: 'topup',
        msisdn: '77011234567',
        amount: 0,
        currency: 'KZT',
        channel: 'voucher',
      },
      '/amount: must be > 0',
    ],
    [
      'an unknown enum value',
      paymentEventV1,
      {
        eventId: 'p',
        occurredAt: '2026-11-25T08:00:00Z',
        type: 'refund',
        msisdn: '77011234567',
        amount: 1,
        currency: 'KZT',
        channel: 'voucher',
      },
      '/type: must be one of topup, transfer, premium_charge',
    ],
    [
      'a malformed msisdn',
      paymentEventV1,
      {
        eventId: 'p',
        occurredAt: '2026-11-25T08:00:00Z',
        type: 'topup',
        msisdn: '+7 701',
        amount: 1,
        currency: 'KZT',
        channel: 'voucher',
      },
      '/msisdn: must match pattern',
    ],
    [
      'an unknown property where none is allowed',
      notificationV1,
      {
        notificationId: 'n',
        msisdn: '77011234567',
        template: 't',
        language: 'en',
        alertId: 'a',
        createdAt: '2026-11-25T08:00:00Z',
        smsText: 'x',
      },
      '(root): unknown property "smsText"',
    ],
    [
      'an alert without evidence',
      alertV1,
      { ...(validExamples[3][2] as object), evidence: [] },
      '/evidence: must NOT have fewer than 1 items',
    ],
    [
      'an entity event with SMS text',
      entityEventV1,
      { ...(validExamples[5][2] as object), text: 'secret' },
      '(root): unknown property "text"',
    ],
  ];

  it.each(invalid)('rejects %s with a readable reason', (_name, contract, value, expectedProblem) => {
    const result = contract.validate(value);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.join('\n')).toContain(expectedProblem);
  });

  it('reports bytes that are not JSON as MALFORMED_JSON', () => {
    expect(() => smsEventV1.deserialize(Buffer.from('{"eventId":'))).toThrow(ContractError);
    try {
      smsEventV1.deserialize('{oops');
    } catch (error) {
      expect((error as ContractError).code).toBe('MALFORMED_JSON');
      expect((error as ContractError).message).toMatch(/^telco\.sms\.v1: \(root\): not JSON/);
    }
    expect(() => smsEventV1.deserialize(null)).toThrow('empty message');
  });

  it('reports valid JSON that breaks the schema as SCHEMA_VIOLATION', () => {
    expect(() => callEventV1.deserialize('{"eventId":"c"}')).toThrow(
      expect.objectContaining({ code: 'SCHEMA_VIOLATION', retriable: false }),
    );
  });

  it('refuses to serialize an invalid message', () => {
    expect(() => alertV1.serialize({} as never)).toThrow(ContractError);
  });

  it('declares every topic of DESIGN.md once, with rules and state compacted', () => {
    const names = TOPIC_SPECS.map((spec) => spec.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining([
        'telco.sms.v1',
        'telco.calls.v1',
        'telco.payments.v1',
        'vigil.entity-events.v1',
        'vigil.dlq.v1',
        'vigil.alerts.v1',
        'vigil.notifications.v1',
        'vigil.rules.v1',
      ]),
    );
    const compacted = TOPIC_SPECS.filter((spec) => spec.cleanupPolicy === 'compact').map((spec) => spec.name);
    expect(compacted).toEqual(expect.arrayContaining(['vigil.rules.v1', 'vigil.correlator-state.v1']));
  });

  it('keeps the project copies of the shared contracts identical to the originals when they are present', () => {
    // The shared folder is beside the repository on our machines and CI; the copy is what the code uses.
    const shared = path.resolve(__dirname, '../../../../shared/contracts');
    if (!fs.existsSync(shared)) return;
    for (const file of fs.readdirSync(shared)) {
      expect(JSON.parse(fs.readFileSync(path.join(__dirname, 'schemas', file), 'utf8'))).toEqual(
        JSON.parse(fs.readFileSync(path.join(shared, file), 'utf8')),
      );
    }
  });
});
