import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ServiceProcess } from './service-process';
import type { VigilApp } from './local-pipeline';

const repoRoot = path.resolve(__dirname, '../..');

/** Starts the local Kafka and ClickHouse (idempotent) and builds the services that are not built yet. */
export function ensureStackAndBuild(apps: VigilApp[]): void {
  if (!process.env.KAFKA_BROKERS) {
    execFileSync('bash', [path.join(repoRoot, 'scripts/stack/stack.sh'), 'up'], { stdio: 'inherit' });
  }
  const consoleUiMissing =
    apps.includes('console') && !existsSync(path.join(repoRoot, 'dist/apps/console/web/index.html'));
  if (consoleUiMissing || apps.some((app) => !existsSync(ServiceProcess.entryPoint(app)))) {
    execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  }
}
