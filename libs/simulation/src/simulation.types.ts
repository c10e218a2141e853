import type { AlertStage, CallEventV1, PaymentEventV1, SmsEventV1, Typology } from '@vigil/contracts';

/** Logical input feed of a simulated record; `topicNames(prefix)[topic]` gives the Kafka topic. */
export type SimulatedTopic = 'sms' | 'calls' | 'payments';

/** One raw operator record as the simulator delivers it. */
export type SimulatedRecord =
  | { deliverAtMs: number; topic: 'sms'; key: string; value: SmsEventV1 }
  | { deliverAtMs: number; topic: 'calls'; key: string; value: CallEventV1 }
  | { deliverAtMs: number; topic: 'payments'; key: string; value: PaymentEventV1 };

/** Ground truth for one injected scenario: one JSONL line of the labels file. */
export interface ScenarioLabel {
  scenarioId: string;
  typology: Typology;
  /** Which scam variant or benign look-alike of the typology, e.g. `call_code_during_call_callback`. */
  variant: string;
  /** A near-miss look-alike that must not alert. */
  benign: boolean;
  /** The entity an alert for this scenario names (`msisdn:…`, `sender:…`, `card:…`), as ingest normalizes it. */
  entity: string;
  /** Stages an alert of `typology` on `entity` is expected to reach; empty for benign scenarios. */
  expectedStages: AlertStage[];
  /** The event where money or balance is lost (transfer, premium SMS, cash-out), when there is one. */
  lossEventId?: string;
  /** Event time of the loss event (RFC 3339). */
  lossAt?: string;
  /** Event time of the scenario's first and last event (RFC 3339). */
  startedAt: string;
  endedAt: string;
  /** Source eventIds of every event of the scenario, in event-time order. */
  eventIds: string[];
}
