import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const engineRoot = path.resolve(__dirname, '../../libs/correlation/src');

/**
 * The engine's folders, lowest first: a folder may import from the folders before it, never from one after it,
 * so the tree reads in one direction (Flink CEP's pattern → compiler → NFA → buffer → operator).
 */
const LAYERS = ['time', 'rules', 'matching', 'state', 'snapshot', 'engine'] as const;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return file.endsWith('.ts') && !file.endsWith('.spec.ts') ? [file] : [];
  });
}

/** The engine's own modules each source file imports (type-only imports too: they tie files just as well). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(engineRoot)) {
    const imported = ts
      .preProcessFile(readFileSync(file, 'utf8'), true, true)
      .importedFiles.map((reference) => reference.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => `${path.resolve(path.dirname(file), name)}.ts`);
    const relative = (target: string): string => path.relative(engineRoot, target).split(path.sep).join('/');
    graph.set(relative(file), imported.map(relative));
  }
  return graph;
}

/** Every import cycle, each as the path that closes it. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (file: string): void => {
    const at = onPath.indexOf(file);
    if (at >= 0) {
      found.push([...onPath.slice(at), file]);
      return;
    }
    if (done.has(file)) return;
    onPath.push(file);
    for (const next of graph.get(file) ?? []) visit(next);
    onPath.pop();
    done.add(file);
  };
  for (const file of graph.keys()) visit(file);
  return found;
}

const layerOf = (file: string): number => LAYERS.indexOf(file.split('/')[0] as (typeof LAYERS)[number]);

/** Imports from a folder above the importing file's. */
function upwardImports(graph: Map<string, string[]>): string[] {
  const upward: string[] = [];
  for (const [file, imported] of graph) {
    if (!file.includes('/')) continue;
    for (const target of imported) {
      if (target.includes('/') && layerOf(target) > layerOf(file)) upward.push(`${file} → ${target}`);
    }
  }
  return upward;
}

describe('libs/correlation folders', () => {
  const graph = importGraph();

  it('reads every engine source file', () => {
    expect(graph.size).toBeGreaterThan(40);
    for (const file of graph.keys()) {
      // Only the public surface and the error catalogue sit at the root; everything else is in a layer.
      if (!file.includes('/')) expect(['index.ts', 'correlation.errors.ts']).toContain(file);
      else expect(layerOf(file)).toBeGreaterThanOrEqual(0);
    }
  });

  it('has no import cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('imports only from its own folder or a lower one', () => {
    expect(upwardImports(graph)).toEqual([]);
  });

  it('finds a cycle and an upward import when there is one', () => {
    const broken = new Map([
      ['rules/a.ts', ['time/b.ts']],
      ['time/b.ts', ['rules/a.ts']],
    ]);
    expect(cycles(broken)).toEqual([['rules/a.ts', 'time/b.ts', 'rules/a.ts']]);
    expect(upwardImports(broken)).toEqual(['time/b.ts → rules/a.ts']);
  });
});
