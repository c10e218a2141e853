import { z } from 'zod';
import {
  boundedInt,
  bucketMinutesParam,
  isoInstant,
  severityList,
  stageList,
  typologyList,
  withDefaultWindow,
} from './query-fields';

const window = { from: isoInstant.optional(), to: isoInstant.optional() };

/** `GET /api/charts/alerts-over-time` (default: the last day). */
export const alertsOverTimeQuery = z
  .object({
    ...window,
    bucketMinutes: bucketMinutesParam.optional(),
    typologies: typologyList.optional(),
    severities: severityList.optional(),
    stages: stageList.optional(),
  })
  .strict()
  .transform(withDefaultWindow(1));

/** `GET /api/charts/bulk-senders` (default: the last day). */
export const bulkSendersQuery = z
  .object({
    ...window,
    limit: boundedInt(1, 500).optional(),
    minRecipients: boundedInt(0, 10_000_000).optional(),
  })
  .strict()
  .transform(withDefaultWindow(1));

/** `GET /api/charts/rule-precision` (default: the last 30 days). */
export const rulePrecisionQuery = z
  .object({ ...window, stages: stageList.optional() })
  .strict()
  .transform(withDefaultWindow(30));

/** `GET /api/charts/events-over-time`: throughput of the pipeline's entity events (default: the last day). */
export const eventsOverTimeQuery = z
  .object({ ...window, bucketMinutes: bucketMinutesParam.optional() })
  .strict()
  .transform(withDefaultWindow(1));
