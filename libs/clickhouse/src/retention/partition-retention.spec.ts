import { partitionExpiredBefore } from './partition-retention';

describe(partitionExpiredBefore.name, () => {
  const cutoff = new Date('2026-03-10T12:00:00Z');

  it('drops a day partition only when the whole day is before the cutoff day', () => {
    expect(partitionExpiredBefore('20260309', 'day', cutoff)).toBe(true);
    expect(partitionExpiredBefore('20260310', 'day', cutoff)).toBe(false);
  });

  it('drops a month partition only once the cutoff is in a later month', () => {
    expect(partitionExpiredBefore('202602', 'month', cutoff)).toBe(true);
    expect(partitionExpiredBefore('202603', 'month', cutoff)).toBe(false);
  });
});
