import type { AlertV1 } from '@vigil/contracts';
import { stateKeys, type SuppressionEntry } from '../state/router-state-entry';
import type { RouterState } from '../state/router-state';

/** Why an alert goes out, or that it was folded into an earlier one. */
export type SuppressionVerdict =
  | { kind: 'first' }
  | { kind: 'escalation'; firstAlertId: string; repeatCount: number }
  | { kind: 'suppressed'; firstAlertId: string; repeatCount: number };

/**
 * Same entity and typology within the typology's cool-down → folded into the first alert (its repeat count grows);
 * a confirmed alert after an early warning of that window is an escalation and always goes out.
 */
export function applySuppression(
  alert: AlertV1,
  detectedAtMs: number,
  cooldownMs: number,
  state: RouterState,
): SuppressionVerdict {
  const key = stateKeys.suppression(alert.entity, alert.typology);
  const current = state.get(key, detectedAtMs);
  if (current?.type !== 'suppression') {
    state.set(key, {
      type: 'suppression',
      firstAlertId: alert.alertId,
      firstDetectedAt: detectedAtMs,
      expiresAt: detectedAtMs + cooldownMs,
      repeatCount: 0,
      confirmedDelivered: alert.stage === 'confirmed',
    });
    return { kind: 'first' };
  }
  const escalates = alert.stage === 'confirmed' && !current.confirmedDelivered;
  const next: SuppressionEntry = escalates
    ? { ...current, confirmedDelivered: true }
    : { ...current, repeatCount: current.repeatCount + 1 };
  state.set(key, next);
  return escalates
    ? { kind: 'escalation', firstAlertId: current.firstAlertId, repeatCount: next.repeatCount }
    : { kind: 'suppressed', firstAlertId: current.firstAlertId, repeatCount: next.repeatCount };
}
