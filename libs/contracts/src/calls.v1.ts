import { defineContract } from './contract';
import schema from './schemas/calls.v1.schema.json';

/** telco.calls.v1: one call detail record, published at call end (event time is startedAt). */
export interface CallEventV1 {
  eventId: string;
  startedAt: string;
  caller: string;
  callee: string;
  answered: boolean;
  durationSec: number;
  [extra: string]: unknown;
}

export const callEventV1 = defineContract<CallEventV1>(schema);
