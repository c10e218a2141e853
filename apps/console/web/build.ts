/**
 * Bundles the console's web UI (lit + Chart.js) into one ES module with esbuild and copies the static files:
 *   npx tsx apps/console/web/build.ts [--out dist/apps/console/web]
 * The console serves the folder from CONSOLE_WEB_DIR (default dist/apps/console/web).
 */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const webRoot = __dirname;
const repoRoot = path.resolve(webRoot, '../../..');

/** Builds the UI into `outDir`; returns the bundle's size in bytes. */
export async function buildConsoleWeb(
  outDir = path.join(repoRoot, 'dist/apps/console/web'),
): Promise<number> {
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    entryPoints: [path.join(webRoot, 'src/main.mts')],
    outfile: path.join(outDir, 'app.js'),
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: false, // the UI is served publicly (before sign-in): no source map to hand out
    metafile: true,
    tsconfig: path.join(webRoot, 'tsconfig.json'),
    logLevel: 'warning',
  });
  for (const file of ['index.html', 'styles.css'])
    copyFileSync(path.join(webRoot, file), path.join(outDir, file));
  return Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
}

if (require.main === module) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  buildConsoleWeb(values.out ? path.resolve(values.out) : undefined).then(
    (bytes) => console.log(`[console-web] built ${(bytes / 1024).toFixed(0)} KiB`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
