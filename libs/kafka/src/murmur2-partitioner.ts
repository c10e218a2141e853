import { randomInt } from 'node:crypto';
import type { ICustomPartitioner, PartitionerArgs } from 'kafkajs';

const SEED = 0x9747b28c;
const M = 0x5bd1e995;

/** The bytes of a key as the Java client hashes them (UTF-8), without a copy for ASCII text. */
function keyBytes(key: Buffer | string): { length: number; at(index: number): number } {
  if (typeof key !== 'string') return { length: key.length, at: (index) => key[index] };
  for (let i = 0; i < key.length; i++) {
    if (key.charCodeAt(i) > 0x7f) {
      const bytes = Buffer.from(key, 'utf8');
      return { length: bytes.length, at: (index) => bytes[index] };
    }
  }
  return { length: key.length, at: (index) => key.charCodeAt(index) };
}

/** The Java client's murmur2 (`Utils.murmur2`) in 32-bit integer arithmetic. */
export function murmur2(key: Buffer | string): number {
  const data = keyBytes(key);
  const length = data.length;
  let h = SEED ^ length;
  const whole = length & ~3;
  for (let i = 0; i < whole; i += 4) {
    let k = data.at(i) | (data.at(i + 1) << 8) | (data.at(i + 2) << 16) | (data.at(i + 3) << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  // The Java switch falls through from the third trailing byte down to the first.
  const tail = length & 3;
  if (tail >= 3) h ^= data.at(whole + 2) << 16;
  if (tail >= 2) h ^= data.at(whole + 1) << 8;
  if (tail >= 1) {
    h ^= data.at(whole);
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/**
 * kafkajs' DefaultPartitioner (the Java client's: murmur2 of the key, positive, modulo the partition count) for
 * keyed messages, without its per-message costs: it filters the partition list for every message and hashes with a
 * 64-bit Long emulation, a tenth of the ingest service's CPU. Keyless messages still go round robin over the
 * partitions that have a leader.
 */
export const Murmur2Partitioner: ICustomPartitioner = () => {
  let counter = randomInt(2 ** 31);
  return ({ partitionMetadata, message }: PartitionerArgs): number => {
    if (message.partition !== null && message.partition !== undefined) return message.partition;
    if (message.key !== null && message.key !== undefined)
      return (murmur2(message.key) & 0x7fffffff) % partitionMetadata.length;
    const available = partitionMetadata.filter((partition) => partition.leader >= 0);
    counter = (counter + 1) & 0x7fffffff;
    if (available.length > 0) return available[counter % available.length].partitionId;
    return counter % partitionMetadata.length;
  };
};
