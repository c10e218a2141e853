// Three test tiers (unit beside the code, adapter integration against the real stack, pipeline e2e).
// swc transpiles TypeScript (with Nest decorator metadata) fast enough for a 2-core CI machine; `npm run typecheck` is the type gate.
const fs = require('node:fs');
const swcConfig = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swcConfig.$schema;

const moduleNameMapper = {
  '^@vigil/([a-z-]+)$': '<rootDir>/libs/$1/src',
  // A lib's test surface (fixtures, contract suites): `@vigil/<lib>/testing`, as in tsconfig.json's paths.
  '^@vigil/([a-z-]+)/testing$': '<rootDir>/libs/$1/src/testing',
};
const shared = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': ['@swc/jest', swcConfig] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  testEnvironment: 'node',
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.vigil/'],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/{apps,libs,tools,scripts}/**/*.spec.ts',
        '<rootDir>/test/{lint,deploy}/**/*.spec.ts',
      ],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,tools,scripts}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      setupFiles: ['<rootDir>/test/setup/load-test-env.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      setupFiles: ['<rootDir>/test/setup/load-test-env.ts'],
    },
  ],
};
