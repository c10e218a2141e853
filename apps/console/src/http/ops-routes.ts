import type { ExecutionContext } from '@nestjs/common';
import { HealthController, MetricsController } from '@vigil/observability';

/**
 * Health and metrics carry no personal data and are called by probes and Prometheus, which hold no session: they
 * stay outside authentication and rate limits, like on every other Vigil service.
 */
export function isOpsRoute(context: ExecutionContext): boolean {
  const target = context.getClass();
  return target === HealthController || target === MetricsController;
}
