/** What the changelog of one partition says about the input it covers. */
export interface PartitionProgress {
  /** Last input offset whose effects are in the changelog, as a decimal string; null before the first batch. */
  inputOffset: string | null;
  /** Max event time seen in the partition (ms), so the watermark survives a restore. */
  maxEventTimeMs: number | null;
}

export function encodeProgress(progress: PartitionProgress): Buffer {
  return Buffer.from(JSON.stringify(progress), 'utf8');
}

export function decodeProgress(bytes: Buffer): PartitionProgress {
  const parsed = JSON.parse(bytes.toString('utf8')) as Partial<PartitionProgress>;
  return {
    inputOffset: typeof parsed.inputOffset === 'string' ? parsed.inputOffset : null,
    maxEventTimeMs: typeof parsed.maxEventTimeMs === 'number' ? parsed.maxEventTimeMs : null,
  };
}
