import { z } from 'zod';
import { ConfigError } from './config.errors';
import { envFields } from './env-fields';
import { loadConfig } from './load-config';

const schema = z.object({
  SIGNING_SECRET: envFields.secret('vigil-dev-test-signing-secret'),
  OTHER_SECRET: envFields.secret('vigil-dev-test-other-secret'),
});

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig('svc', schema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('secret fields', () => {
  it('fill in their development defaults only when VIGIL_ENV=development', () => {
    expect(loadConfig('svc', schema, { VIGIL_ENV: 'development' })).toEqual({
      SIGNING_SECRET: 'vigil-dev-test-signing-secret',
      OTHER_SECRET: 'vigil-dev-test-other-secret',
    });
  });

  it('are refused at boot when missing and VIGIL_ENV is unset or production', () => {
    const envs: Record<string, string>[] = [
      {},
      { VIGIL_ENV: 'production' },
      { VIGIL_ENV: 'production', SIGNING_SECRET: '' },
    ];
    for (const env of envs) {
      const problems = problemsOf(env);
      expect(problems).toHaveLength(2);
      expect(problems.join('\n')).toMatch(/SIGNING_SECRET: required outside development/);
      expect(problems.join('\n')).toMatch(/OTHER_SECRET: required outside development/);
    }
  });

  it('refuse any published development default outside development, even another field’s', () => {
    const problems = problemsOf({
      SIGNING_SECRET: 'vigil-dev-test-other-secret',
      OTHER_SECRET: 'vigil-dev-test-other-secret',
    });
    expect(problems).toEqual([
      'SIGNING_SECRET: a published development secret, refused outside development',
      'OTHER_SECRET: a published development secret, refused outside development',
    ]);
  });

  it('accept real secrets in production and refuse a misspelt mode instead of guessing', () => {
    const real = { SIGNING_SECRET: 'a'.repeat(32), OTHER_SECRET: 'b'.repeat(32) };
    expect(loadConfig('svc', schema, real)).toEqual(real);
    for (const mode of ['Production', 'prod', 'dev'])
      expect(problemsOf({ ...real, VIGIL_ENV: mode })).toEqual([
        'VIGIL_ENV: development or production (unset: production)',
      ]);
  });
});
