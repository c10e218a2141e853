import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderKustomization, type KubeObject } from './kustomize-lite';

export const repoRoot = path.resolve(__dirname, '../../..');
export const k8sRoot = path.join(repoRoot, 'deploy/k8s');
export const RENDERED = ['base', 'overlays/dev', 'overlays/prod'] as const;
export type Rendered = (typeof RENDERED)[number];

/** The console is written alongside; until apps/console exists its port is the agreed 3005. */
const CONSOLE_DEFAULT_PORT = 3005;

/** Every Vigil app: the folders under apps/ plus the console. */
export function vigilApps(): string[] {
  const apps = readdirSync(path.join(repoRoot, 'apps'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  return [...new Set([...apps, 'console'])].sort();
}

/** An app's HTTP port: the default in its config file (`kafkaServiceEnvSchema(3001, …)` or `envFields.httpPort(3001)`). */
export function appHttpPort(app: string): number {
  const dir = path.join(repoRoot, 'apps', app, 'src');
  const config = existsSync(dir) ? readdirSync(dir).find((file) => file.endsWith('.config.ts')) : undefined;
  if (!config) return CONSOLE_DEFAULT_PORT;
  const match = /(?:kafkaServiceEnvSchema|httpPort)\((\d+)\b/.exec(
    readFileSync(path.join(dir, config), 'utf8'),
  );
  if (!match) throw new Error(`no httpPort(...) default in apps/${app}/src/${config}`);
  return Number(match[1]);
}

/**
 * Renders base and overlays from a copy of deploy/k8s in which every git-ignored `secrets/*.env` is made from
 * its committed `.env.example` with dummy values: what an operator does before `kubectl apply -k`.
 */
export function renderAll(): { dir: string; renders: Record<Rendered, KubeObject[]>; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'vigil-k8s-'));
  cpSync(k8sRoot, dir, { recursive: true });
  for (const overlay of readdirSync(path.join(dir, 'overlays'))) {
    const secrets = path.join(dir, 'overlays', overlay, 'secrets');
    if (!existsSync(secrets)) continue;
    for (const example of readdirSync(secrets).filter((file) => file.endsWith('.env.example'))) {
      const text = readFileSync(path.join(secrets, example), 'utf8');
      const filled = text.replace(/^([A-Z_]+)=$/gm, '$1=test-value-0123456789abcdef');
      writeFileSync(path.join(secrets, example.replace(/\.example$/, '')), filled);
    }
  }
  const renders = Object.fromEntries(
    RENDERED.map((name) => [name, renderKustomization(path.join(dir, name))]),
  ) as Record<Rendered, KubeObject[]>;
  return { dir, renders, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const ofKind = (objects: KubeObject[], kind: string): KubeObject[] =>
  objects.filter((object) => object.kind === kind);

export function named(objects: KubeObject[], kind: string, name: string): KubeObject | undefined {
  return objects.find((object) => object.kind === kind && object.metadata.name === name);
}
