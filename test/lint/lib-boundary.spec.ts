import { lintAs } from '../support/lint-as';

const DEEP_FIXTURE = "import { fixtureBatch } from '../../libs/analytics/src/testing/analytics-fixtures';\n";
const USE = 'export const x = fixtureBatch;\n';

describe('lib and app import boundaries', () => {
  it.each(['tools/bench/deep.bench.ts', 'apps/ingest/src/deep.ts', 'test/e2e/deep.e2e-spec.ts'])(
    'fails lint for a deep import of a lib file in %s',
    async (file) => {
      const messages = (await lintAs(file, DEEP_FIXTURE + USE)).join('\n');
      expect(messages).toMatch(/no-restricted-imports/);
      expect(messages).toContain('@vigil/<lib>/testing');
    },
  );

  it('fails lint for a tool importing an app', async () => {
    const code =
      "import { loadAnalyticsSinkEnv } from '../../apps/analytics-sink/src/analytics-sink.config';\n";
    const messages = (
      await lintAs('tools/bench/app.bench.ts', `${code}export const x = loadAnalyticsSinkEnv;\n`)
    ).join('\n');
    expect(messages).toContain('tools may use libs, not apps');
  });

  it('allows the testing entry point from a tool', async () => {
    const code = "import { fixtureBatch } from '@vigil/analytics/testing';\n";
    expect(await lintAs('tools/bench/allowed.bench.ts', code + USE)).toEqual([]);
  });
});
