import { lintAs } from '../support/lint-as';

describe('libs/networks import boundary (pure, as libs/correlation)', () => {
  it.each([
    ["import 'kafkajs';", 'kafkajs'],
    ["import { Injectable } from '@nestjs/common';\nexport const x = Injectable;", 'NestJS'],
    ["import { createClient } from '@clickhouse/client';\nexport const x = createClient;", 'ClickHouse'],
    ["import { BatchConsumer } from '@vigil/kafka';\nexport const x = BatchConsumer;", '@vigil/contracts'],
  ])('fails lint for %s inside libs/networks', async (code, expected) => {
    const messages = await lintAs('libs/networks/src/detection/forbidden-import.ts', code);
    expect(messages.join('\n')).toMatch(/no-restricted-imports/);
    expect(messages.join('\n')).toContain(expected);
  });

  it('allows the contracts inside libs/networks', async () => {
    expect(
      await lintAs(
        'libs/networks/src/allowed.ts',
        "import { networkFindingV1 } from '@vigil/contracts';\nexport const x = networkFindingV1;",
      ),
    ).toEqual([]);
  });
});
