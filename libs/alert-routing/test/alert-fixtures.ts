import { join } from 'node:path';
import type { AlertV1 } from '@vigil/contracts';
import { loadRoutingConfig, type LoadedRoutingConfig } from '../src';

/** The repository's own routing configuration (config/alert-router). */
export const ROUTING_CONFIG_DIR = join(__dirname, '../../../config/alert-router');

export function repositoryRoutingConfig(): LoadedRoutingConfig {
  return loadRoutingConfig(ROUTING_CONFIG_DIR);
}

/** A contract-valid alert; override what the test is about. */
export function makeAlert(overrides: Partial<AlertV1> = {}): AlertV1 {
  const detectedAt = overrides.detectedAt ?? '2025-06-01T12:00:00.000Z';
  return {
    alertId: 'alert-1',
    ruleId: 'prize-code-theft',
    ruleVersion: 1,
    typology: 'prize_code_theft',
    severity: 'high',
    stage: 'early_warning',
    entity: 'msisdn:77011234567',
    counterparties: ['77759876543'],
    detectedAt,
    firstEventAt: detectedAt,
    lastEventAt: detectedAt,
    evidence: [{ eventId: 'sms-1', kind: 'sms', occurredAt: detectedAt, step: 'lure' }],
    explanation: 'A prize lure SMS followed by a call from the same number.',
    ...overrides,
  };
}

/** ISO time `minutes` after the fixtures' base time. */
export function minutesAfterBase(minutes: number): string {
  return new Date(Date.parse('2025-06-01T12:00:00.000Z') + minutes * 60_000).toISOString();
}
