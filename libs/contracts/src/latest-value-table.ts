import type { Contract } from './contract';
import { isContractError } from './contract.errors';

/** What one record of a compacted topic says: the key its value is filed under, and the value (null: a tombstone). */
export interface LatestValueEntry<V> {
  key: string;
  value: V | null;
}

/**
 * The latest value per key of a compacted topic, fed one record at a time: `read` turns a record into an entry,
 * or into undefined when it is malformed, which is skipped rather than fatal (such a table refines what its readers
 * know; it is not what they must have). `Raw` is the type of the record values it is fed.
 */
export class LatestValueTable<V, Raw = Buffer> {
  private readonly values = new Map<string, V>();

  constructor(
    private readonly read: (key: string | null, value: Raw | null) => LatestValueEntry<V> | undefined,
  ) {}

  get size(): number {
    return this.values.size;
  }

  get(key: string): V | undefined {
    return this.values.get(key);
  }

  /** Every key's latest value. */
  latestValues(): V[] {
    return [...this.values.values()];
  }

  /** Applies one record of the topic; false when it was skipped as malformed. */
  apply(key: string | null, value: Raw | null): boolean {
    const entry = this.read(key, value);
    if (entry === undefined) return false;
    this.set(entry.key, entry.value);
    return true;
  }

  /** Files `value` under `key` (null forgets the key). */
  protected set(key: string, value: V | null): void {
    if (value === null) this.values.delete(key);
    else this.values.set(key, value);
  }
}

/**
 * Reads the records of a compacted topic of one contract, keyed by what the value is filed under: a record
 * without a key, or whose value breaks the contract, is malformed (it is the producer's problem to report).
 */
export function contractRecordReader<V>(
  contract: Contract<V>,
): (key: string | null, value: Buffer | null) => LatestValueEntry<V> | undefined {
  return (key, value) => {
    if (!key) return undefined;
    try {
      return { key, value: value === null ? null : contract.deserialize(value) };
    } catch (error) {
      if (!isContractError(error)) throw error;
      return undefined;
    }
  };
}
