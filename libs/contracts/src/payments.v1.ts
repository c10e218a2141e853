import { defineContract } from './contract';
import schema from './schemas/payments.v1.schema.json';

export type PaymentType = 'topup' | 'transfer' | 'premium_charge';
export type PaymentChannel =
  'bank_card' | 'voucher' | 'terminal' | 'transfer' | 'operator_app' | 'content_provider';

/** telco.payments.v1: a change to a prepaid balance (top-up, balance transfer, premium charge). */
export interface PaymentEventV1 {
  eventId: string;
  occurredAt: string;
  type: PaymentType;
  msisdn: string;
  counterparty?: string;
  amount: number;
  currency: string;
  channel: PaymentChannel;
  cardToken?: string;
  [extra: string]: unknown;
}

export const paymentEventV1 = defineContract<PaymentEventV1>(schema);
