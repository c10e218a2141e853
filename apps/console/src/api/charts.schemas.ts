import {
  boundedInt,
  bucketMinutesParam,
  severityList,
  stageList,
  typologyList,
  windowQuery,
} from './query-fields';

/** `GET /api/charts/alerts-over-time` (default: the last day). */
export const alertsOverTimeQuery = windowQuery(1, {
  bucketMinutes: bucketMinutesParam.optional(),
  typologies: typologyList.optional(),
  severities: severityList.optional(),
  stages: stageList.optional(),
});

/** `GET /api/charts/bulk-senders` (default: the last day). */
export const bulkSendersQuery = windowQuery(1, {
  limit: boundedInt(1, 500).optional(),
  minRecipients: boundedInt(0, 10_000_000).optional(),
});

/** `GET /api/charts/rule-precision` (default: the last 30 days). */
export const rulePrecisionQuery = windowQuery(30, { stages: stageList.optional() });

/** `GET /api/charts/events-over-time`: throughput of the pipeline's entity events (default: the last day). */
export const eventsOverTimeQuery = windowQuery(1, { bucketMinutes: bucketMinutesParam.optional() });
