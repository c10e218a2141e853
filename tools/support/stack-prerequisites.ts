import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ServiceProcess } from './service-process';
import type { VigilApp } from './local-pipeline';

const repoRoot = path.resolve(__dirname, '../..');

/** Latest modification time (ms) of the TypeScript sources under `dir`. */
function newestSourceMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts'))
      newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Whether the app's build is missing or older than a source it is built from (a stale build measures old code). */
function needsBuild(app: VigilApp): boolean {
  const entry = ServiceProcess.entryPoint(app);
  if (!existsSync(entry)) return true;
  const sources = Math.max(
    newestSourceMs(path.join(repoRoot, 'apps', app, 'src')),
    newestSourceMs(path.join(repoRoot, 'libs')),
  );
  return sources > statSync(entry).mtimeMs;
}

/** Starts the local Kafka and ClickHouse (idempotent) and builds the services whose build is missing or stale. */
export function ensureStackAndBuild(apps: VigilApp[]): void {
  if (!process.env.KAFKA_BROKERS) {
    execFileSync('bash', [path.join(repoRoot, 'scripts/stack/stack.sh'), 'up'], { stdio: 'inherit' });
  }
  const consoleUiMissing =
    apps.includes('console') && !existsSync(path.join(repoRoot, 'dist/apps/console/web/index.html'));
  if (consoleUiMissing || apps.some(needsBuild)) {
    execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  }
}
