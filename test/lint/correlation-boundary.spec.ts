import { lintAs } from '../support/lint-as';

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

  it.each(['time', 'rules', 'matching', 'state', 'snapshot', 'engine'])(
    'fails lint for a transport import in every engine folder (%s/)',
    async (folder) => {
      const messages = await lintAs(
        `libs/correlation/src/${folder}/forbidden-import.ts`,
        "import { Kafka } from 'kafkajs';\nexport const x = Kafka;",
      );
      expect(messages.join('\n')).toMatch(/no-restricted-imports.*kafkajs/);
    },
  );

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
