import type {
  Clock,
  CALLS_TOPIC,
  CallEventV1,
  PAYMENTS_TOPIC,
  PaymentEventV1,
  SMS_TOPIC,
  SmsEventV1,
} from '@vigil/contracts';
import type { IngestConfig } from '../config/ingest-config.types';
import type { IngestRejection } from '../ingest.errors';
import type { Party } from '../number-plan/party.types';

/** A valid SMS event with its parties classified. */
export interface ValidSmsEvent {
  readonly topic: typeof SMS_TOPIC;
  readonly event: SmsEventV1;
  readonly occurredAtMs: number;
  readonly sender: Party;
  readonly recipient: Party;
}

/** A valid call record with its parties classified. */
export interface ValidCallEvent {
  readonly topic: typeof CALLS_TOPIC;
  readonly event: CallEventV1;
  readonly occurredAtMs: number;
  readonly caller: Party;
  readonly callee: Party;
}

/** A valid balance movement with its parties classified. */
export interface ValidPaymentEvent {
  readonly topic: typeof PAYMENTS_TOPIC;
  readonly event: PaymentEventV1;
  readonly occurredAtMs: number;
  readonly msisdn: Party;
  /** Classified counterparty of a transfer or premium charge; absent when the record has none. */
  readonly counterparty?: Party;
}

/** A raw operator event that passed every check, ready for normalization. */
export type ValidRawEvent = ValidSmsEvent | ValidCallEvent | ValidPaymentEvent;

/** Outcome of validating one raw record; a rejection carries the parsed record when it was JSON. */
export type RawEventValidation =
  | { readonly ok: true; readonly value: ValidRawEvent }
  | { readonly ok: false; readonly rejection: IngestRejection; readonly parsed?: unknown };

/** What validation depends on. */
export interface ValidationOptions {
  readonly config: IngestConfig;
  readonly clock: Clock;
  /** How far event time may lie ahead of the clock; defaults to DEFAULT_MAX_CLOCK_SKEW_MS (5 min). */
  readonly maxClockSkewMs?: number;
}
