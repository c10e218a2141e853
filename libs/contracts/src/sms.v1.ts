import { defineContract } from './contract';
import schema from './schemas/sms.v1.schema.json';

/** telco.sms.v1: one SMS seen by the SMSC. `text` is read in memory for features and never stored or logged. */
export interface SmsEventV1 {
  eventId: string;
  occurredAt: string;
  sender: string;
  recipient: string;
  text?: string;
  [extra: string]: unknown;
}

export const smsEventV1 = defineContract<SmsEventV1>(schema);
