import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { RouteInfo } from '@nestjs/common/interfaces';
import { LoggerModule } from 'nestjs-pino';
import { collectDefaultMetrics, register } from 'prom-client';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { vigilLogOptions } from './log-options';
import { ReadinessRegistry } from './readiness';

export interface ObservabilityOptions {
  serviceName: string;
  logLevel: string;
  /**
   * Hot routes whose requests get no request-bound logger: binding one serializes and masks the whole request,
   * a cost that shows at thousands of requests per second. Their log lines are still written, without the request.
   * `'all'`: no route gets one, so no request runs a logging middleware or starts an async context (the scam
   * signal, whose every route is either hot or trivial).
   */
  unboundRoutes?: RouteInfo[] | 'all';
}

let defaultMetricsStarted = false;

/** Structured JSON logs without credentials or full numbers, Prometheus metrics at /metrics, liveness and readiness at /health. */
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
          pinoHttp: vigilLogOptions(options.serviceName, options.logLevel),
          ...(options.unboundRoutes === 'all'
            ? { forRoutes: [] }
            : options.unboundRoutes?.length
              ? { exclude: options.unboundRoutes }
              : {}),
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [ReadinessRegistry],
      exports: [ReadinessRegistry],
    };
  }
}
