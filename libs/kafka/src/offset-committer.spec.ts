import type { TopicPartitionOffsetAndMetadata } from 'kafkajs';
import { OffsetCommitter } from './offset-committer';

describe(OffsetCommitter.name, () => {
  it('commits the latest offset of every partition asked for in one turn with one request', async () => {
    const requests: TopicPartitionOffsetAndMetadata[][] = [];
    const committer = new OffsetCommitter(async (offsets) => void requests.push(offsets));
    const commits = [
      committer.commit('t', 0, '10'),
      committer.commit('t', 1, '7'),
      committer.commit('t', 0, '12'),
    ];
    await Promise.all(commits);
    expect(requests).toEqual([
      [
        { topic: 't', partition: 0, offset: '12' },
        { topic: 't', partition: 1, offset: '7' },
      ],
    ]);
    await committer.commit('t', 1, '9');
    expect(requests).toHaveLength(2);
  });

  it('fails every commit that shared a failed request', async () => {
    const committer = new OffsetCommitter(() => Promise.reject(new Error('rebalancing')));
    await Promise.all([
      expect(committer.commit('t', 0, '10')).rejects.toThrow('rebalancing'),
      expect(committer.commit('t', 1, '3')).rejects.toThrow('rebalancing'),
    ]);
  });
});
