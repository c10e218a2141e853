import { defineContract } from './contract';
import schema from './schemas/notification.v1.schema.json';

export const NOTIFICATION_LANGUAGES = ['kk', 'ru', 'en'] as const;
export type NotificationLanguage = (typeof NOTIFICATION_LANGUAGES)[number];

/** vigil.notifications.v1: a request to the operator's messaging system to warn a subscriber. */
export interface NotificationV1 {
  notificationId: string;
  msisdn: string;
  template: string;
  language: NotificationLanguage;
  text?: string;
  alertId: string;
  createdAt: string;
}

export const notificationV1 = defineContract<NotificationV1>(schema);
