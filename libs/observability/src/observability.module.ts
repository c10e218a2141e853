import { type DynamicModule, Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { collectDefaultMetrics, register } from 'prom-client';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { maskMsisdnsDeep } from './msisdn-masking';
import { ReadinessRegistry } from './readiness';

export interface ObservabilityOptions {
  serviceName: string;
  logLevel: string;
}

let defaultMetricsStarted = false;

/** Structured JSON logs with MSISDN masking, Prometheus metrics at /metrics, liveness and readiness at /health. */
@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    if (!defaultMetricsStarted) {
      register.setDefaultLabels({ service: options.serviceName });
      collectDefaultMetrics();
      defaultMetricsStarted = true;
    }
    return {
      module: ObservabilityModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            name: options.serviceName,
            level: options.logLevel,
            autoLogging: false,
            // Request bodies and SMS text never reach the log; numbers are masked wherever they appear.
            redact: {
              paths: ['req.headers.authorization', 'req.headers["x-api-key"]', '*.text', 'text'],
              remove: true,
            },
            formatters: {
              log: (record: Record<string, unknown>) => maskMsisdnsDeep(record) as Record<string, unknown>,
            },
          },
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [ReadinessRegistry],
      exports: [ReadinessRegistry],
    };
  }
}
