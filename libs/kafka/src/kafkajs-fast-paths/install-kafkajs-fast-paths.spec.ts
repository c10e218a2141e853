import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { installKafkajsFastPaths } from './install-kafkajs-fast-paths';

describe(installKafkajsFastPaths.name, () => {
  it('puts every fast path in kafkajs’ place when it runs before kafkajs is first loaded', () => {
    // A fresh process: jest's module registry is not Node's module cache.
    const script = [
      `const { installKafkajsFastPaths } = require(${JSON.stringify(path.join(__dirname, 'install-kafkajs-fast-paths.ts'))});`,
      'const paths = installKafkajsFastPaths();',
      "require('kafkajs');",
      "const grouping = require('kafkajs/src/producer/groupMessagesPerPartition');",
      "const recordDecoder = require('kafkajs/src/protocol/recordBatch/record/v0/decoder');",
      "const v7 = require('kafkajs/src/protocol/requests/produce/v7/request');",
      "const request = v7({ acks: -1, timeout: 1000, compression: 0, topicData: [{ topic: 't', partitions: [{ partition: 0, messages: [{ key: 'k', value: 'v' }] }] }] });",
      'console.log(JSON.stringify({ ...paths, grouping: grouping.name, recordDecoder: recordDecoder.name, v7: request.apiVersion, fastEncode: !request.encode.toString().includes("topicEncoder") }));',
    ].join('\n');
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: path.resolve(__dirname, '../../../..'),
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      recordEncoder: true,
      messageGrouping: true,
      grouping: 'groupMessagesPerPartition',
      recordDecoder: 'decodeRecord',
      v7: 7,
      fastEncode: true,
    });
  });
});
