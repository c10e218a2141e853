// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/** Imports that would tie the pure correlation engine to a framework or a transport. */
export const correlationForbiddenImports = [
  {
    group: ['@nestjs/*', '@nestjs/**'],
    message: 'libs/correlation and libs/networks are pure: no NestJS. Put adapters in their own lib.',
  },
  {
    group: ['kafkajs', 'kafkajs/*'],
    message: 'libs/correlation and libs/networks are pure: no kafkajs. Use the ports it declares.',
  },
  {
    group: ['@clickhouse/*'],
    message: 'libs/correlation and libs/networks are pure: no ClickHouse client. Use the ports it declares.',
  },
  {
    group: ['@vigil/kafka', '@vigil/clickhouse', '@vigil/config', '@vigil/observability', '@vigil/ingest'],
    message: 'libs/correlation and libs/networks may import only @vigil/contracts.',
  },
];

/** Outside a lib only its public surfaces count: `@vigil/<lib>` and `@vigil/<lib>/testing`, never its files. */
export const libDeepImports = [
  {
    group: ['**/libs/*/src', '**/libs/*/src/**'],
    message:
      'Import a lib through @vigil/<lib>, or @vigil/<lib>/testing for fixtures, not through its files.',
  },
];

/** kafkajs stays inside libs/kafka: the rest of the tree names its types and factories through @vigil/kafka. */
export const kafkajsOutsideKafkaLib = [
  {
    group: ['kafkajs', 'kafkajs/*'],
    message: 'kafkajs stays inside libs/kafka: import its types and factories from @vigil/kafka.',
  },
];

/** Tools (benchmarks, eval, CLIs) are built on libs; the services are composition roots nothing else imports. */
export const toolAppImports = [
  {
    group: ['**/apps/**'],
    message: 'tools may use libs, not apps: move what a tool needs into a lib.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      '.vigil/**',
      'coverage/**',
      'deploy/local/kafka/lib/**',
      'apps/console/web/dist/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { ecmaVersion: 2022, sourceType: 'module' },
      globals: {
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['libs/correlation/**/*.ts', 'libs/networks/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: correlationForbiddenImports }],
    },
  },
  {
    files: ['libs/**/*.ts'],
    ignores: ['libs/kafka/**', 'libs/correlation/**', 'libs/networks/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: kafkajsOutsideKafkaLib }],
    },
  },
  {
    files: ['apps/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...libDeepImports, ...kafkajsOutsideKafkaLib] }],
    },
  },
  {
    files: ['tools/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...libDeepImports, ...toolAppImports, ...kafkajsOutsideKafkaLib] },
      ],
    },
  },
  prettier,
);
