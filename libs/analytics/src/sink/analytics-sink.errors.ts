/** Dead-letter reason codes of the analytics sink. */
export const analyticsSinkErrorCodes = {
  INVALID_ENTITY_EVENT: 'ANALYTICS_INVALID_ENTITY_EVENT',
  INVALID_ALERT: 'ANALYTICS_INVALID_ALERT',
} as const;
