import { createHmac } from 'node:crypto';
import { type DeadLetterV1, type InputTopic, SMS_TOPIC } from '@vigil/contracts';
import { DEAD_LETTER_RAW_RECORD_MAX_BYTES } from '../ingest.constants';

/** The part of a dead letter that carries the failed record itself. */
export type DeadLetterContent = Pick<DeadLetterV1, 'record' | 'rawRecord' | 'textLength' | 'textHash'>;

/** HMAC-SHA256 (hex) of SMS text with the configured key: equal texts can be matched, none can be read back. */
export function hashSmsText(text: string | Buffer, hmacKey: string | Buffer): string {
  return createHmac('sha256', hmacKey).update(text).digest('hex');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An SMS record made fit for the DLQ: every field but `text`, plus `textLength` (in Unicode code points) and
 * `textHash` (keyed HMAC-SHA256, hex). A `text` that is not a string is hashed as its JSON. A record that is not
 * an object at all may be nothing but text, so it is replaced by its length and hash entirely.
 */
export function redactSmsForDeadLetter(raw: unknown, hmacKey: string | Buffer): DeadLetterContent {
  if (!isPlainObject(raw)) {
    const whole = typeof raw === 'string' ? raw : (JSON.stringify(raw) ?? '');
    return { textLength: [...whole].length, textHash: hashSmsText(whole, hmacKey) };
  }
  if (!Object.prototype.hasOwnProperty.call(raw, 'text')) return { record: raw };
  const { text, ...rest } = raw;
  const textString = typeof text === 'string' ? text : (JSON.stringify(text) ?? '');
  return { record: rest, textLength: [...textString].length, textHash: hashSmsText(textString, hmacKey) };
}

/**
 * The record part of a dead letter for any input topic. `parsed` is the record parsed as JSON, or `undefined`
 * when it was not JSON. SMS text never gets through: a parsed SMS loses its text (see redactSmsForDeadLetter)
 * and an SMS that is not JSON keeps only the length and hash of its bytes. Other non-JSON records keep their
 * first 4 KiB as UTF-8 in `rawRecord`.
 */
export function deadLetterContent(
  topic: InputTopic | string,
  bytes: Buffer | string | null | undefined,
  parsed: unknown,
  hmacKey: string | Buffer,
): DeadLetterContent {
  if (topic === SMS_TOPIC) {
    if (parsed !== undefined) return redactSmsForDeadLetter(parsed, hmacKey);
    if (bytes === null || bytes === undefined || bytes.length === 0) return {};
    const raw = typeof bytes === 'string' ? bytes : bytes.toString('utf8');
    return { textLength: [...raw].length, textHash: hashSmsText(raw, hmacKey) };
  }
  if (parsed !== undefined) return { record: parsed };
  if (bytes === null || bytes === undefined || bytes.length === 0) return {};
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  return { rawRecord: buffer.subarray(0, DEAD_LETTER_RAW_RECORD_MAX_BYTES).toString('utf8') };
}
