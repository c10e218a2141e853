import { createHmac } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { deadLetterV1, maskPhoneNumbersInText, type DeadLetterV1 } from '@vigil/contracts';
import type { ConsumedRecord, DeadLetterReason } from './consumed-record';
import { sendInChunks } from './send-in-chunks';

const RAW_RECORD_LIMIT_BYTES = 4_096;
/**
 * A parsed record is quoted whole only up to this size: a letter must stay far below the broker's 1 MiB record
 * limit, or the dead-letter write fails and stops the consumer behind it (a 1 MB field in a calls record).
 */
const PARSED_RECORD_LIMIT_CHARS = 65_536; // 64 Ki UTF-16 units, ≤ 192 KiB of UTF-8
const REASON_LIMIT_CHARS = 2_000;
/**
 * A parsed record is quoted only up to this nesting depth. Whether JSON.stringify overflows the call stack depends on
 * how deep the stack already is where it runs: a record that serialized when the letter was built could overflow when
 * the letter is written, one level deeper and further down the stack, and crash the consumer.
 */
const QUOTED_DEPTH_LIMIT = 64;

/**
 * Builds dead letters that never carry SMS text: a parsed record loses any `text` property, replaced by its
 * length and an HMAC of it. Bytes that are not JSON keep only their length and HMAC when they come from a
 * text-bearing topic (an SMS feed: garbage there may be nothing but text) or hold a `"text"` field; otherwise
 * their first 4 KiB are kept for diagnosis. Reasons are masked under the privacy rule for numbers.
 */
export class DeadLetterWriter {
  constructor(
    private readonly producer: Producer,
    private readonly options: {
      topic: string;
      serviceName: string;
      textHashKey: string;
      /** Physical names of topics whose records carry SMS text. */
      textBearingTopics?: ReadonlySet<string>;
    },
  ) {}

  build(record: ConsumedRecord, reason: DeadLetterReason, now: Date): DeadLetterV1 {
    const letter: DeadLetterV1 = {
      sourceTopic: record.topic,
      sourcePartition: record.partition,
      sourceOffset: record.offset,
      reasonCode: reason.reasonCode,
      // A reason is free text (an error message may quote a value): phone numbers in it are masked. The record
      // itself keeps its parties, as the source topic does, so that it can be replayed once fixed.
      reason: maskPhoneNumbersInText(reason.reason.slice(0, REASON_LIMIT_CHARS)),
      failedAt: now.toISOString(),
      service: this.options.serviceName,
    };
    const raw = record.value?.toString('utf8') ?? '';
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      this.quoteRaw(letter, record.topic, raw);
      return letter;
    }
    let quoted = parsed;
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) && 'text' in parsed) {
      const { text, ...rest } = parsed as Record<string, unknown>;
      const textValue = typeof text === 'string' ? text : (quotable(text ?? null) ?? raw);
      quoted = rest;
      letter.textLength = textValue.length;
      letter.textHash = this.hash(textValue);
    }
    // Too large or too deeply nested to serialize: described like bytes that are not JSON.
    if (quotable(quoted) === undefined) this.quoteRaw(letter, record.topic, raw);
    else letter.record = quoted;
    return letter;
  }

  /** Keeps the first 4 KiB of the raw bytes, or only their length and HMAC when they may carry SMS text. */
  private quoteRaw(letter: DeadLetterV1, topic: string, raw: string): void {
    if (this.options.textBearingTopics?.has(topic) || /"text"\s*:/.test(raw)) {
      letter.textLength ??= raw.length;
      letter.textHash ??= this.hash(raw);
    } else {
      letter.rawRecord = raw.slice(0, RAW_RECORD_LIMIT_BYTES);
    }
  }

  /** Writes the letters and resolves once the broker acknowledged all of them (acks from all in-sync replicas). */
  async write(letters: { record: ConsumedRecord; letter: DeadLetterV1 }[]): Promise<void> {
    if (letters.length === 0) return;
    await sendInChunks(
      this.producer,
      this.options.topic,
      letters.map(({ record, letter }) => ({ key: record.key, value: deadLetterV1.serialize(letter) })),
    );
  }

  private hash(text: string): string {
    return createHmac('sha256', this.options.textHashKey).update(text, 'utf8').digest('hex');
  }
}

/** The JSON text of `value` when it fits in a letter; undefined when too large or nested too deep. */
function quotable(value: unknown): string | undefined {
  if (nestedDeeperThan(value, QUOTED_DEPTH_LIMIT)) return undefined;
  try {
    const text = JSON.stringify(value);
    return text !== undefined && text.length <= PARSED_RECORD_LIMIT_CHARS ? text : undefined;
  } catch {
    return undefined; // RangeError: nesting deeper than the call stack
  }
}

/** Whether objects and arrays nest more than `limit` levels deep in `value` (walked without recursion). */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next.value === null || typeof next.value !== 'object') continue;
    if (next.depth >= limit) return true;
    for (const child of Object.values(next.value)) pending.push({ value: child, depth: next.depth + 1 });
  }
  return false;
}
