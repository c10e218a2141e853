import { spawnSync } from 'node:child_process';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../..');

/**
 * Lints `code` as if it were the file at `filePath`, with the project's real ESLint config (run as its CLI: the
 * flat config is an ES module that jest's VM cannot import). Returns `rule: message` per problem.
 */
export async function lintAs(filePath: string, code: string): Promise<string[]> {
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
