import { defineContract } from './contract';
import schema from './schemas/subscriber-risk.v1.schema.json';

/** How a pattern stopped being open. */
export const PATTERN_ENDINGS = ['completed', 'expired', 'withdrawn_rule'] as const;
export type PatternEnding = (typeof PATTERN_ENDINGS)[number];

/** One scam pattern on a subscriber: what a partner may learn of it (no counterparty, no content). */
export interface RiskPatternV1 {
  ruleId: string;
  ruleVersion: number;
  typology: string;
  /** Name of the last step matched (`topup`, `code`, …). */
  stage: string;
  stepsReached: number;
  stepsTotal: number;
  /** The rule's early-warning step is among those matched: the loss is one step away. */
  earlyWarningReached: boolean;
  /** Event time of the first matched step. */
  since: string;
  lastEventAt: string;
  /** Event time at which the next step's window closes (open patterns). */
  expiresAt?: string;
  /** Kind of the first matched event (`call_in`: the pattern began with an unknown caller) and when it ended. */
  firstStepKind?: string;
  firstStepEndedAt?: string;
  /** Ended patterns: how, and at which event time. */
  ending?: PatternEnding;
  endedAt?: string;
}

/**
 * vigil.subscriber-risk.v1 (compacted, key = subscriber entity `msisdn:<digits>`, co-partitioned with the entity
 * events): the whole risk state of one subscriber, published by the correlator whenever it changes. The latest
 * record per key is the current state; patterns ended recently stay listed for a while, then the key is rewritten
 * without them.
 */
export interface SubscriberRiskV1 {
  subscriber: string;
  /** Partition of vigil.entity-events.v1 whose correlator computed it (= this record's partition). */
  partition: number;
  /** Wall-clock time the correlator computed the state: how fresh the answer built on it is. */
  updatedAt: string;
  /** Event time of the partition when the state was computed. */
  eventTime: string;
  openPatterns: RiskPatternV1[];
  endedPatterns: RiskPatternV1[];
}

export const subscriberRiskV1 = defineContract<SubscriberRiskV1>(schema);

/**
 * Key (and `subscriber`) of a partition's heartbeat record: empty lists, written about every second by the partition's
 * correlator, so a reader knows how fresh the states of that partition are even when none of them changes.
 */
export const PARTITION_HEARTBEAT_KEY = '__partition__';
