import { lintAs } from '../support/lint-as';

const KAFKAJS_CLIENT = "import { Kafka } from 'kafkajs';\nexport const x = Kafka;\n";

describe('kafkajs import boundary', () => {
  it.each([
    'apps/ingest/src/forbidden-import.ts',
    'apps/alert-router/test/forbidden.harness.ts',
    'apps/correlator/src/forbidden.int-spec.ts',
    'libs/analytics/src/forbidden-import.ts',
    'tools/bench/forbidden.bench.ts',
    'test/e2e/forbidden.e2e-spec.ts',
    'scripts/stack/forbidden.ts',
  ])('fails lint for a kafkajs import in %s', async (file) => {
    const messages = (await lintAs(file, KAFKAJS_CLIENT)).join('\n');
    expect(messages).toMatch(/no-restricted-imports/);
    expect(messages).toContain('kafkajs stays inside libs/kafka');
  });

  it('fails lint for a bare side-effect import of kafkajs in an app', async () => {
    const messages = (await lintAs('apps/console/src/forbidden-import.ts', "import 'kafkajs';\n")).join('\n');
    expect(messages).toContain('kafkajs stays inside libs/kafka');
  });

  it('still fails lint for a deep lib import in an app, and for a tool importing an app, beside it', async () => {
    const code = "import { fixtureBatch } from '../../libs/analytics/src/testing/analytics-fixtures';\n";
    const messages = (
      await lintAs('apps/ingest/src/deep.ts', `${code}export const x = fixtureBatch;\n`)
    ).join('\n');
    expect(messages).toContain('@vigil/<lib>/testing');
    const appImport =
      "import { IngestModule } from '../../apps/ingest/src/ingest.module';\nexport const y = IngestModule;\n";
    expect((await lintAs('tools/bench/app.bench.ts', appImport)).join('\n')).toContain(
      'tools may use libs, not apps',
    );
  });

  it('allows kafkajs inside libs/kafka, and its types through @vigil/kafka in an app', async () => {
    expect(await lintAs('libs/kafka/src/allowed-import.ts', KAFKAJS_CLIENT)).toEqual([]);
    const throughTheLib = "import type { Kafka } from '@vigil/kafka';\nexport type K = Kafka;\n";
    expect(await lintAs('apps/ingest/src/allowed-import.ts', throughTheLib)).toEqual([]);
  });
});
