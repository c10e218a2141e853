import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { TOPIC_SPECS } from '@vigil/contracts';
import { appHttpPort, repoRoot, vigilApps } from './support/deploy-fixtures';

// docker-compose.yml runs the whole system: every app from the one Dockerfile, health-checked, started after
// its dependencies, on topics created as libs/contracts declares them.

/* eslint-disable @typescript-eslint/no-explicit-any -- walking the compose file */
const compose = parse(readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true });

function composeAvailable(): boolean {
  try {
    execFileSync('docker-compose', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('docker-compose.yml', () => {
  it.each(vigilApps())('runs %s from the Dockerfile with a health check, after its dependencies', (app) => {
    const service = compose.services[app];
    expect(service).toBeDefined();
    expect(service.build).toBe('.');
    expect(service.command).toEqual([`dist/apps/${app}/apps/${app}/src/main.js`]);
    expect(service.environment).toMatchObject({ KAFKA_BROKERS: 'kafka:19092', HTTP_HOST: '0.0.0.0' });
    expect(service.environment.HTTP_PORT).toBe(appHttpPort(app));
    expect(service.healthcheck.test.join(' ')).toContain('/health/ready');
    expect(service.depends_on['kafka-init']).toEqual({ condition: 'service_completed_successfully' });
    for (const [dependency, { condition }] of Object.entries<any>(service.depends_on))
      if (dependency !== 'kafka-init')
        expect([dependency, condition]).toEqual([dependency, 'service_healthy']);
  });

  it('creates every topic of TOPIC_SPECS with its partitions, cleanup policy and retention', () => {
    const script: string = compose.services['kafka-init'].command[0];
    for (const spec of TOPIC_SPECS) {
      // Either a loop naming the topic with its arguments, or a direct `create` call.
      const loop = script
        .split('\n')
        .find((line) => line.startsWith('for t in') && line.split(';')[0].split(' ').includes(spec.name));
      const line = loop ?? script.split('\n').find((l) => l.startsWith(`create ${spec.name} `));
      expect(`${spec.name}: ${line ?? 'missing'}`).not.toMatch(/missing$/);
      const args = loop
        ? loop.slice(loop.indexOf('create "$$t"') + 'create "$$t"'.length)
        : line!.slice(`create ${spec.name}`.length);
      const [partitions, policy, retention] = args.replace(/;.*$/, '').trim().split(/\s+/);
      expect(Number(partitions)).toBe(spec.partitions ?? 12);
      expect(policy).toBe(spec.cleanupPolicy);
      const retentionMs = retention === undefined ? undefined : Number(retention);
      expect(retentionMs).toBe(spec.retentionMs);
    }
  });

  (composeAvailable() ? it : it.skip)('is accepted by `docker-compose config`', () => {
    expect(() =>
      execFileSync('docker-compose', ['-f', 'docker-compose.yml', 'config', '-q'], {
        cwd: repoRoot,
        stdio: 'pipe',
      }),
    ).not.toThrow();
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8');
  const ignored = readFileSync(path.join(repoRoot, '.dockerignore'), 'utf8').split('\n');

  it('builds with npm ci and npm run build, and runs as a non-root user with what the apps read at run time', () => {
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    expect(dockerfile).toMatch(/^RUN npm run build\b/m);
    expect(dockerfile).toContain('apps/console/web/build.ts'); // the UI bundle is not part of npm run build
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^COPY config \.\/config$/m);
    expect(dockerfile).toMatch(/^COPY rules \.\/rules$/m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["node"\]$/m);
  });

  it('keeps local state, build output and secrets out of the build context', () => {
    for (const entry of ['node_modules', 'dist', '.vigil', '.git', 'deploy/k8s/overlays/*/secrets/*.env'])
      expect(ignored).toContain(entry);
  });
});
