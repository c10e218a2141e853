import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../..');

/** A free TCP port on loopback (asks the kernel, then releases it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A Vigil service running as its own process from the build output, as it runs in production. */
export class ServiceProcess {
  private child?: ChildProcess;
  private output = '';
  private exited?: Promise<number | null>;

  private logStream?: WriteStream;

  /** @param logFile also append the process's output to this file (the demo keeps one log per service) */
  constructor(
    readonly app: string,
    private readonly env: Record<string, string>,
    readonly httpPort: number,
    logFile?: string,
  ) {
    if (logFile) this.logStream = createWriteStream(logFile, { flags: 'a' });
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.httpPort}`;
  }

  /** Everything the process wrote to stdout and stderr so far. */
  get logs(): string {
    return this.output;
  }

  static entryPoint(app: string): string {
    return path.join(repoRoot, 'dist/apps', app, 'apps', app, 'src/main.js');
  }

  /** Spawns the service and waits until /health/ready answers 200. */
  async start(timeoutMs = 30_000): Promise<void> {
    // VIGIL_ENTRY runs another build of the app (a benchmark's side-by-side baseline).
    const entry = this.env.VIGIL_ENTRY ?? ServiceProcess.entryPoint(this.app);
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
    // Node refuses some flags (--cpu-prof) in NODE_OPTIONS: VIGIL_NODE_ARGS passes them on the command line.
    const nodeArgs = this.env.VIGIL_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    const child = spawn(process.execPath, [...nodeArgs, entry], {
      cwd: repoRoot,
      // Development mode (development secrets and demo keys accepted) unless the caller asks for production: these
      // are local runs of the tests, benchmarks and the demo on 127.0.0.1.
      env: {
        VIGIL_ENV: 'development',
        ...process.env,
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: String(this.httpPort),
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const capture = (chunk: Buffer) => {
      this.output += chunk.toString('utf8');
      this.logStream?.write(chunk);
    };
    child.stdout?.on('data', capture);
    child.stderr?.on('data', capture);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`${this.app} exited with ${child.exitCode}:\n${this.output.slice(-4000)}`);
      try {
        const response = await fetch(`${this.baseUrl}/health/ready`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline)
        throw new Error(`${this.app} not ready in ${timeoutMs} ms:\n${this.output.slice(-4000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Graceful stop (SIGTERM: finish the batch, commit, leave the group). */
  async stop(): Promise<number | null> {
    if (!this.child || this.child.exitCode !== null) return this.child?.exitCode ?? null;
    this.child.kill('SIGTERM');
    return this.exited!;
  }

  /** Crash (SIGKILL): nothing is flushed, nothing is committed beyond what already was. */
  async kill(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /**
   * The /metrics page. One retry after a failed request: a poll can meet a kept-alive connection the service is
   * closing (ECONNRESET, seen under heavy load when a bench polls every 100 ms), which says nothing about the service.
   */
  private async metricsText(): Promise<string> {
    try {
      return await (await fetch(`${this.baseUrl}/metrics`)).text();
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
      return (await fetch(`${this.baseUrl}/metrics`)).text();
    }
  }

  /** Reads a Prometheus counter/gauge sample, summing every series whose labels include `labels`. */
  async metric(name: string, labels: Record<string, string> = {}): Promise<number> {
    const text = await this.metricsText();
    let sum = 0;
    for (const line of text.split('\n')) {
      if (!line.startsWith(name)) continue;
      const match = /^([a-z_:]+)(\{[^}]*\})?\s+([0-9.eE+-]+)$/.exec(line);
      if (!match || match[1] !== name) continue;
      const labelText = match[2] ?? '';
      if (Object.entries(labels).every(([key, value]) => labelText.includes(`${key}="${value}"`)))
        sum += Number(match[3]);
    }
    return sum;
  }
}
