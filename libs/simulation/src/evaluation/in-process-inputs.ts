import { resolve } from 'node:path';
import { CALLS_TOPIC, PAYMENTS_TOPIC, SMS_TOPIC, type InputTopic } from '@vigil/contracts';
import type { SimulatedTopic } from '../simulation.types';

/** The repository root: the in-process evaluations read its `rules/` and `config/` by default. */
export const REPO_ROOT = resolve(__dirname, '../../../..');

/** The input topic ingest reads each simulated topic's records from. */
export const INPUT_TOPIC: Record<SimulatedTopic, InputTopic> = {
  sms: SMS_TOPIC,
  calls: CALLS_TOPIC,
  payments: PAYMENTS_TOPIC,
};

/** Long enough after the last event for every window and absence to close. */
export const DRAIN_MS = 6 * 3_600_000; // 6 h
