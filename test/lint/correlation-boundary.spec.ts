import { spawnSync } from 'node:child_process';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../..');

/** Lints `code` as if it were the file at `filePath`, with the project's real ESLint config (run as its CLI: the
 * flat config is an ES module that jest's VM cannot import). */
async function lintAs(filePath: string, code: string): Promise<string[]> {
  const run = spawnSync(
    process.execPath,
    [
      path.join(repoRoot, 'node_modules/eslint/bin/eslint.js'),
      '--stdin',
      '--stdin-filename',
      filePath,
      '--format',
      'json',
    ],
    { cwd: repoRoot, input: code, encoding: 'utf8' },
  );
  const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string; message: string }[] }[];
  return result.messages.map((message) => `${message.ruleId}: ${message.message}`);
}

describe('libs/correlation import boundary', () => {
  it.each([
    ["import 'kafkajs';", 'kafkajs'],
    ["import { Injectable } from '@nestjs/common';\nexport const x = Injectable;", 'NestJS'],
    ["import { createClient } from '@clickhouse/client';\nexport const x = createClient;", 'ClickHouse'],
    ["import { BatchConsumer } from '@vigil/kafka';\nexport const x = BatchConsumer;", '@vigil/contracts'],
  ])('fails lint for %s inside libs/correlation', async (code, expected) => {
    const messages = await lintAs('libs/correlation/src/forbidden-import.ts', code);
    expect(messages.join('\n')).toMatch(/no-restricted-imports/);
    expect(messages.join('\n')).toContain(expected);
  });

  it('allows the same import outside libs/correlation', async () => {
    expect(await lintAs('libs/kafka/src/allowed-import.ts', "import 'kafkajs';")).toEqual([]);
  });

  it('allows the contracts inside libs/correlation', async () => {
    expect(
      await lintAs(
        'libs/correlation/src/allowed.ts',
        "import { alertV1 } from '@vigil/contracts';\nexport const x = alertV1;",
      ),
    ).toEqual([]);
  });
});
