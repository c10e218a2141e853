import type { AlertStage, NetworkRole } from '@vigil/contracts';

/**
 * What the repartition step forwards to the detection stage, keyed by `number`: one subscriber's alert whose lure
 * was that number, or one subscriber's first-contact transfer to it.
 */
export type NetworkObservation = LureObservation | TransferObservation;

export interface LureObservation {
  type: 'lure';
  /** Entity id of the lure (`msisdn:<digits>` or `sender:<id>`). */
  number: string;
  role: Exclude<NetworkRole, 'mule'>;
  subscriber: string;
  /** Event time of the lure event. */
  occurredAtMs: number;
  alertId: string;
  typology: string;
  stage: AlertStage;
  /** Domains of the lure's links (never text). */
  domains: string[];
}

export interface TransferObservation {
  type: 'transfer';
  number: string;
  subscriber: string;
  occurredAtMs: number;
  /** The transfer_out entity event. */
  eventId: string;
  amount?: number;
}

/** The id an observation is deduplicated by: a replay brings the same alert or event again. */
export function evidenceIdOf(observation: NetworkObservation): string {
  return observation.type === 'lure' ? observation.alertId : observation.eventId;
}
