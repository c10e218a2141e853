import type { Message } from 'kafkajs';

/** Record overhead beyond key and value (lengths, attributes, offset and timestamp deltas), rounded up. */
const RECORD_OVERHEAD_BYTES = 64;

/** Upper bound of the bytes a message adds to a produce request (uncompressed). */
export function messageSize(message: Message): number {
  const key = message.key ?? '';
  const value = message.value ?? '';
  return (
    (typeof key === 'string' ? Buffer.byteLength(key) : key.length) +
    (typeof value === 'string' ? Buffer.byteLength(value) : value.length) +
    RECORD_OVERHEAD_BYTES
  );
}
