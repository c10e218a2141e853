import { Injectable, Logger } from '@nestjs/common';
import type { RoutingDecision } from '@vigil/alert-routing';
import { maskMsisdn } from '@vigil/observability';
import { alertRouterMetrics } from './alert-router.metrics';

/** Where an alert came from, for the audit trail. */
export interface AlertSource {
  partition: number;
  offset: string;
}

/**
 * The audit trail: one structured line per routing decision and per webhook outcome, with metrics alongside.
 * Numbers are masked and no SMS or notification text is ever logged (template id and language only).
 */
@Injectable()
export class RoutingAudit {
  private readonly logger = new Logger('RoutingAudit');

  decision(decision: RoutingDecision, source: AlertSource): void {
    const { alert } = decision;
    const base = {
      ...source,
      alertId: alert.alertId,
      entity: maskMsisdn(alert.entity),
      typology: alert.typology,
      stage: alert.stage,
      severity: alert.severity,
    };
    if (decision.outcome === 'duplicate') {
      alertRouterMetrics.alerts.inc({ outcome: 'duplicate', reason: '', typology: alert.typology });
      this.logger.log({ msg: 'alert dropped as duplicate', ...base });
      return;
    }
    if (decision.outcome === 'suppressed') {
      alertRouterMetrics.alerts.inc({ outcome: 'suppressed', reason: '', typology: alert.typology });
      this.logger.log({
        msg: 'alert suppressed',
        ...base,
        firstAlertId: decision.firstAlertId,
        repeatCount: decision.repeatCount,
      });
      return;
    }
    alertRouterMetrics.alerts.inc({ outcome: 'routed', reason: decision.reason, typology: alert.typology });
    const plan = decision.notification;
    if (plan.kind === 'notify') {
      alertRouterMetrics.notifications.inc({
        template: plan.notification.template,
        language: plan.notification.language,
      });
    } else {
      alertRouterMetrics.notificationsSkipped.inc({ reason: plan.reason });
    }
    this.logger.log({
      msg: 'alert routed',
      ...base,
      reason: decision.reason,
      repeatCount: decision.repeatCount,
      webhooks: decision.deliveries.map((delivery) => delivery.webhookId),
      notification:
        plan.kind === 'notify'
          ? {
              notificationId: plan.notification.notificationId,
              template: plan.notification.template,
              language: plan.notification.language,
            }
          : { skipped: plan.reason, template: plan.template },
    });
  }

  invalidAlert(source: AlertSource, reasonCode: string): void {
    alertRouterMetrics.alerts.inc({ outcome: 'invalid', reason: reasonCode, typology: '' });
    this.logger.warn({ msg: 'alert dead-lettered', ...source, reasonCode });
  }

  webhookDelivered(
    webhookId: string,
    deliveryId: string,
    alertId: string,
    attempts: number,
    status: number,
  ): void {
    alertRouterMetrics.webhookDeliveries.inc({ webhook: webhookId, result: 'delivered' });
    this.logger.log({ msg: 'webhook delivered', webhookId, deliveryId, alertId, attempts, status });
  }

  webhookRetry(
    webhookId: string,
    deliveryId: string,
    attempt: number,
    delayMs: number,
    failure: string,
  ): void {
    alertRouterMetrics.webhookRetries.inc({ webhook: webhookId });
    this.logger.warn({
      msg: 'webhook attempt failed; retrying',
      webhookId,
      deliveryId,
      attempt,
      delayMs,
      failure,
    });
  }

  webhookDeadLettered(
    webhookId: string,
    deliveryId: string,
    alertId: string,
    attempts: number,
    failure: string,
  ): void {
    alertRouterMetrics.webhookDeliveries.inc({ webhook: webhookId, result: 'dead_lettered' });
    this.logger.error({
      msg: 'webhook delivery dead-lettered',
      webhookId,
      deliveryId,
      alertId,
      attempts,
      failure,
    });
  }
}
