import type { LoggerService } from '@nestjs/common';

/**
 * Runs `tick` every `intervalMs`, never twice at once: a tick due while the previous one still runs is skipped, so
 * a slow tick does not pile up behind itself. A failed tick is logged as a warning and retried on the next one.
 */
export class SerialTicker {
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly logger: Pick<LoggerService, 'warn'>,
    /** Names the tick in the failure message: `watermark` → "watermark tick failed; retried on the next tick". */
    private readonly name: string,
    private readonly tick: () => Promise<void>,
  ) {}

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.runOnce(), intervalMs);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async runOnce(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.tick();
    } catch (error) {
      this.logger.warn({
        msg: `${this.name} tick failed; retried on the next tick`,
        error: (error as Error).message,
      });
    } finally {
      this.running = false;
    }
  }
}
