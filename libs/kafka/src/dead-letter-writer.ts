import { createHmac } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { deadLetterV1, maskPhoneNumbersInText, type DeadLetterV1 } from '@vigil/contracts';
import type { ConsumedRecord, DeadLetterReason } from './consumed-record';
import { sendInChunks } from './send-in-chunks';

const RAW_RECORD_LIMIT_BYTES = 4_096;

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
      reason: maskPhoneNumbersInText(reason.reason),
      failedAt: now.toISOString(),
      service: this.options.serviceName,
    };
    const raw = record.value?.toString('utf8') ?? '';
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      if (this.options.textBearingTopics?.has(record.topic) || /"text"\s*:/.test(raw)) {
        letter.textLength = raw.length;
        letter.textHash = this.hash(raw);
      } else {
        letter.rawRecord = raw.slice(0, RAW_RECORD_LIMIT_BYTES);
      }
      return letter;
    }
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) && 'text' in parsed) {
      const { text, ...rest } = parsed as Record<string, unknown>;
      const textValue = typeof text === 'string' ? text : JSON.stringify(text ?? null);
      letter.record = rest;
      letter.textLength = textValue.length;
      letter.textHash = this.hash(textValue);
    } else {
      letter.record = parsed;
    }
    return letter;
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
