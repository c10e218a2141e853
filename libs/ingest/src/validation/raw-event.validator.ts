import {
  CALLS_TOPIC,
  callEventV1,
  type CallEventV1,
  type Contract,
  type InputTopic,
  parseDateTimeMs,
  PAYMENTS_TOPIC,
  paymentEventV1,
  type PaymentEventV1,
  SMS_TOPIC,
  smsEventV1,
  type SmsEventV1,
} from '@vigil/contracts';
import { DEFAULT_MAX_CLOCK_SKEW_MS } from '../ingest.constants';
import { type IngestRejection, ingestErrorCodes, rejection } from '../ingest.errors';
import { classifyParty, classifySender } from '../number-plan/number-plan';
import type { NumberPlan, Party } from '../number-plan/party.types';
import { maskMsisdn } from '../privacy/msisdn-mask';
import type { RawEventValidation, ValidationOptions, ValidRawEvent } from './raw-event.types';

const CONTRACTS: Readonly<Record<InputTopic, Contract<unknown>>> = {
  [SMS_TOPIC]: smsEventV1,
  [CALLS_TOPIC]: callEventV1,
  [PAYMENTS_TOPIC]: paymentEventV1,
};
const ALL_DIGITS = /^[0-9]+$/;
const JSON_POSITION = /at position (\d+)/;

type Rejected = { ok: false; rejection: IngestRejection; parsed?: unknown };

function reject(code: IngestRejection['code'], reason: string, parsed?: unknown): Rejected {
  return { ok: false, rejection: rejection(code, reason), parsed };
}

// Reasons name a party without exposing a subscriber number.
function describeParty(raw: unknown): string {
  if (typeof raw !== 'string') return String(raw);
  const digits = raw.replace(/\D/g, '');
  return digits.length > 6 ? `"${maskMsisdn(digits)}"` : JSON.stringify(raw.slice(0, 32));
}

/** A party that must be a dialable number: not hidden, not an alphanumeric id. */
function numberParty(raw: string, plan: NumberPlan): Party | undefined {
  const party = classifyParty(raw, plan);
  return party !== undefined && party.class !== 'anonymous' && ALL_DIGITS.test(party.id) ? party : undefined;
}

function checkAmount(amount: unknown, parsed: unknown): Rejected | undefined {
  if (amount === undefined || amount === null) return undefined;
  if (typeof amount === 'number') {
    if (!Number.isFinite(amount))
      return reject(ingestErrorCodes.AMOUNT_INVALID, '/amount: must be a finite number', parsed);
    if (amount <= 0)
      return reject(ingestErrorCodes.AMOUNT_INVALID, '/amount: must be greater than 0', parsed);
    return undefined;
  }
  if (typeof amount === 'string') {
    const value = Number(amount.trim());
    if (amount.trim() === '' || !Number.isFinite(value) || value <= 0) {
      return reject(ingestErrorCodes.AMOUNT_INVALID, '/amount: not a number greater than 0', parsed);
    }
  }
  // A numeric string is still the wrong type: the contract says number, so the schema reports it.
  return undefined;
}

function checkParties(
  topic: InputTopic,
  event: SmsEventV1 | CallEventV1 | PaymentEventV1,
  occurredAtMs: number,
  plan: NumberPlan,
): ValidRawEvent | Rejected {
  const invalid = (field: string, raw: unknown): Rejected =>
    reject(ingestErrorCodes.NUMBER_INVALID, `/${field}: ${describeParty(raw)} is not a usable party`, event);
  if (topic === SMS_TOPIC) {
    const sms = event as SmsEventV1;
    // A sender is never a reason to drop a delivered SMS: one that fits no number plan is classified unrecognized.
    const sender = classifySender(sms.sender, plan);
    const recipient = numberParty(sms.recipient, plan);
    if (recipient === undefined) return invalid('recipient', sms.recipient);
    return { topic, event: sms, occurredAtMs, sender, recipient };
  }
  if (topic === CALLS_TOPIC) {
    const call = event as CallEventV1;
    const caller = classifyParty(call.caller, plan);
    // A hidden caller is fine; a caller id with letters is not a call.
    if (caller === undefined || (caller.class !== 'anonymous' && !ALL_DIGITS.test(caller.id))) {
      return invalid('caller', call.caller);
    }
    const callee = numberParty(call.callee, plan);
    if (callee === undefined) return invalid('callee', call.callee);
    return { topic, event: call, occurredAtMs, caller, callee };
  }
  const payment = event as PaymentEventV1;
  const msisdn = numberParty(payment.msisdn, plan);
  if (msisdn === undefined || msisdn.class === 'short_number' || msisdn.class === 'official') {
    return invalid('msisdn', payment.msisdn);
  }
  if (payment.type === 'topup' || payment.counterparty === undefined) {
    return { topic, event: payment, occurredAtMs, msisdn };
  }
  const counterparty = numberParty(payment.counterparty, plan);
  if (counterparty === undefined) return invalid('counterparty', payment.counterparty);
  if (payment.type === 'transfer' && counterparty.id === msisdn.id) {
    return reject(
      ingestErrorCodes.SELF_TRANSFER,
      '/counterparty: a transfer to the paying subscriber itself',
      event,
    );
  }
  return { topic, event: payment, occurredAtMs, msisdn, counterparty };
}

/**
 * Validates one raw record of an input topic beyond its JSON Schema: MALFORMED_JSON, EVENT_TIME_INVALID,
 * AMOUNT_INVALID, SCHEMA_VIOLATION, EVENT_TIME_IN_FUTURE (beyond the allowed clock skew), NUMBER_INVALID,
 * SELF_TRANSFER, checked in that order. On success the parties come back classified under the number plan.
 * Never throws for bad input; reasons never hold SMS text or full subscriber numbers.
 */
export function validateRawEvent(
  topic: InputTopic,
  bytes: Buffer | string | null | undefined,
  options: ValidationOptions,
): RawEventValidation {
  if (bytes === null || bytes === undefined || bytes.length === 0) {
    return reject(ingestErrorCodes.MALFORMED_JSON, '(root): empty message');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof bytes === 'string' ? bytes : bytes.toString('utf8'));
  } catch (error) {
    // The engine's message quotes the input, which may be SMS text: keep only the position.
    const position = JSON_POSITION.exec((error as Error).message);
    return reject(
      ingestErrorCodes.MALFORMED_JSON,
      `(root): not valid JSON${position ? ` at position ${position[1]}` : ''}`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return reject(ingestErrorCodes.SCHEMA_VIOLATION, '(root): must be a JSON object', parsed);
  }
  const record = parsed as Record<string, unknown>;
  const timeField = topic === CALLS_TOPIC ? 'startedAt' : 'occurredAt';
  const time = record[timeField];
  const timeMs = typeof time === 'string' ? parseDateTimeMs(time) : NaN;
  if (typeof time === 'string' && Number.isNaN(timeMs)) {
    return reject(
      ingestErrorCodes.EVENT_TIME_INVALID,
      `/${timeField}: not an RFC 3339 date-time with offset`,
      parsed,
    );
  }
  if (topic === PAYMENTS_TOPIC) {
    const amountProblem = checkAmount(record.amount, parsed);
    if (amountProblem !== undefined) return amountProblem;
  }
  const result = CONTRACTS[topic].validate(parsed);
  if (!result.ok) return reject(ingestErrorCodes.SCHEMA_VIOLATION, result.problems.join('; '), parsed);

  // The schema guarantees a string time, and it parsed above.
  const occurredAtMs = timeMs;
  const maxSkewMs = options.maxClockSkewMs ?? DEFAULT_MAX_CLOCK_SKEW_MS;
  const aheadMs = occurredAtMs - options.clock.now();
  if (aheadMs > maxSkewMs) {
    return reject(
      ingestErrorCodes.EVENT_TIME_IN_FUTURE,
      `/${timeField}: ${Math.round(aheadMs / 1000)} s ahead of the ingest clock (allowed skew ${Math.round(maxSkewMs / 1000)} s)`,
      parsed,
    );
  }
  const checked = checkParties(
    topic,
    parsed as SmsEventV1 | CallEventV1 | PaymentEventV1,
    occurredAtMs,
    options.config.numberPlan,
  );
  return 'ok' in checked ? checked : { ok: true, value: checked };
}
