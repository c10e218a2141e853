import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { SourceWatermarkEmitter } from './source-watermark.emitter';

/** Runs the source watermark emitter while the service runs. */
@Injectable()
export class IngestLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(SourceWatermarkEmitter) private readonly emitter: SourceWatermarkEmitter) {}

  onApplicationBootstrap(): void {
    this.emitter.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.emitter.stop();
  }
}
