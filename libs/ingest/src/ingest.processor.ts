import {
  CALLS_TOPIC,
  type Clock,
  type InputTopic,
  PAYMENTS_TOPIC,
  SMS_TOPIC,
  systemClock,
} from '@vigil/contracts';
import type { IngestConfig } from './config/ingest-config.types';
import { DuplicateFilter } from './dedup/duplicate-filter';
import type { IngestRejection } from './ingest.errors';
import { toEntityEvents } from './normalize/entity-event.normalizer';
import type { EntityEventRecord } from './normalize/entity-event.types';
import type { ValidRawEvent } from './validation/raw-event.types';
import { validateRawEvent } from './validation/raw-event.validator';

/** Options of an IngestProcessor. */
export interface IngestProcessorOptions {
  readonly config: IngestConfig;
  readonly clock?: Clock;
  /** Allowed event-time lead over the clock; default 5 min. */
  readonly maxClockSkewMs?: number;
  /** Duplicate memory per topic; defaults 10 min and DEFAULT_DUPLICATE_MAX_ENTRIES. */
  readonly duplicateWindowMs?: number;
  readonly duplicateMaxEntries?: number;
}

/** What became of one raw record. */
export type IngestOutcome =
  | {
      readonly type: 'produced';
      readonly sourceEventId: string;
      readonly records: EntityEventRecord[];
      /**
       * When the raw record could first exist (ms): a call record at the call's end, anything else at its event
       * time. How far its source has been read, in event time.
       */
      readonly existsAtMs: number;
    }
  | { readonly type: 'duplicate'; readonly sourceEventId: string }
  /** The transport dead-letters the record itself (libs/kafka's DeadLetterWriter keeps SMS text out). */
  | { readonly type: 'rejected'; readonly rejection: IngestRejection };

/**
 * The whole per-record ingest step, transport-free: validate, drop duplicates, normalize into entity events,
 * or reject with a reason. The Kafka adapter calls `process` for each record and produces what it returns.
 */
export class IngestProcessor {
  private readonly clock: Clock;
  private readonly duplicates: Record<InputTopic, DuplicateFilter>;

  constructor(private readonly options: IngestProcessorOptions) {
    this.clock = options.clock ?? systemClock;
    const filter = (): DuplicateFilter =>
      new DuplicateFilter({ windowMs: options.duplicateWindowMs, maxEntries: options.duplicateMaxEntries });
    this.duplicates = { [SMS_TOPIC]: filter(), [CALLS_TOPIC]: filter(), [PAYMENTS_TOPIC]: filter() };
  }

  /** Processes one raw record of an input topic. Never throws for bad input. */
  process(topic: InputTopic, bytes: Buffer | string | null | undefined): IngestOutcome {
    const validation = validateRawEvent(topic, bytes, {
      config: this.options.config,
      clock: this.clock,
      maxClockSkewMs: this.options.maxClockSkewMs,
    });
    if (!validation.ok) {
      return { type: 'rejected', rejection: validation.rejection };
    }
    const sourceEventId = validation.value.event.eventId;
    if (this.duplicates[topic].seen(sourceEventId, this.clock.now()))
      return { type: 'duplicate', sourceEventId };
    return {
      type: 'produced',
      sourceEventId,
      records: toEntityEvents(validation.value, { config: this.options.config, clock: this.clock }),
      existsAtMs: existsAtMs(validation.value),
    };
  }
}

/** A call record is written when the call ends: it cannot exist before start + duration. */
function existsAtMs(valid: ValidRawEvent): number {
  return valid.topic === CALLS_TOPIC
    ? valid.occurredAtMs + valid.event.durationSec * 1000
    : valid.occurredAtMs;
}
