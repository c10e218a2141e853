import { z } from 'zod';
import { ALERT_VERDICTS } from '@vigil/analytics';
import {
  boundedInt,
  idParam,
  isoInstant,
  severityParam,
  severityList,
  stageList,
  typedNumber,
  typologyList,
  windowQuery,
} from './query-fields';

/** `GET /api/alerts` query: unknown parameters are refused, so a typo never silently widens a search. */
export const alertListQuery = windowQuery(7, {
  typologies: typologyList.optional(),
  severities: severityList.optional(),
  stages: stageList.optional(),
  ruleId: idParam.optional(),
  msisdn: typedNumber.optional(),
  page: boundedInt(0, 10_000).optional(),
  pageSize: boundedInt(1, 200).optional(),
});

export const alertIdParams = z.object({ alertId: idParam }).strict();

/** `POST /api/alerts/:alertId/feedback` body. */
export const feedbackBody = z
  .object({
    verdict: z.enum(ALERT_VERDICTS),
    note: z.string().max(2_000).default(''),
  })
  .strict();

/** `GET /api/alerts/stream` query. */
export const alertStreamQuery = z.object({ minSeverity: severityParam.optional() }).strict();

/** `POST /api/subscribers/timeline` body: the number travels in a body, never in a URL that proxies log. */
export const subscriberLookupBody = z
  .object({
    msisdn: typedNumber,
    from: isoInstant.optional(),
    to: isoInstant.optional(),
    limit: z.number().int().min(1).max(1_000).default(200),
  })
  .strict();
