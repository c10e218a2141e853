import type { SourceWatermarksSnapshotV1 } from '@vigil/correlation';

/** What the changelog of one partition says about the input it covers. */
export interface PartitionProgress {
  /** Last input offset whose effects are in the changelog, as a decimal string; null before the first batch. */
  inputOffset: string | null;
  /** Event time the partition has reached (ms), so the watermark survives a restore. */
  maxEventTimeMs: number | null;
  /** The sources feeding the partition and how far each has been read, as of `inputOffset`. */
  sources: SourceWatermarksSnapshotV1 | null;
}

export function encodeProgress(progress: PartitionProgress): Buffer {
  return Buffer.from(JSON.stringify(progress), 'utf8');
}

export function decodeProgress(bytes: Buffer): PartitionProgress {
  const parsed = JSON.parse(bytes.toString('utf8')) as Partial<PartitionProgress>;
  return {
    inputOffset: typeof parsed.inputOffset === 'string' ? parsed.inputOffset : null,
    maxEventTimeMs: typeof parsed.maxEventTimeMs === 'number' ? parsed.maxEventTimeMs : null,
    sources: typeof parsed.sources === 'object' && parsed.sources !== null ? parsed.sources : null,
  };
}
