import fc from 'fast-check';
import { ev, type Scheduled } from './entity-events';

/** Property-test scenarios: the advisory scams and their look-alikes, each a template placed in time. */

/** A scenario on entity `entity`, numbered `n` (ids and counterparties), starting `start` minutes after T0. */
type Template = (entity: string, n: number, start: number) => Scheduled[];

/** Scam and benign scenarios, each on its own entity with its own counterparties. */
export const templates: Template[] = [
  (s, n, m) => [
    ev(`${n}c`, 'call_in', m, { counterparty: `7747000${n}`, answered: true, durationSec: 300 }, s),
    ev(`${n}t`, 'topup', m + 2, { amount: 1000 }, s),
    ev(
      `${n}o`,
      'sms_in',
      m + 4,
      { counterparty: 'KCELLPAY', features: { otpCode: true, serviceSender: true } },
      s,
    ),
    ev(`${n}x`, 'transfer_out', m + 7, { counterparty: `7748000${n}`, amount: 950 }, s),
  ],
  (s, n, m) => [
    ev(
      `${n}c1`,
      'call_in',
      m,
      { counterparty: `7747000${n}`, counterpartyClass: 'domestic', answered: true, durationSec: 90 },
      s,
    ),
    ev(
      `${n}c2`,
      'call_in',
      m + 4,
      { counterparty: `7747000${n}`, counterpartyClass: 'domestic', answered: true, durationSec: 60 },
      s,
    ),
    ev(`${n}x`, 'transfer_out', m + 11, { counterparty: `7747000${n}`, amount: 5000 }, s),
  ],
  (s, n, m) => [
    ev(
      `${n}l`,
      'sms_in',
      m,
      { counterparty: `7747000${n}`, features: { activationLure: true, referencedShortNumbers: ['7122'] } },
      s,
    ),
    ev(`${n}r`, 'sms_out', m + 3, { counterparty: '7122', counterpartyClass: 'short_number' }, s),
    ev(`${n}p`, 'premium_charge', m + 4, { counterparty: '7122', amount: 500 }, s),
  ],
  (s, n, m) =>
    [0, 1, 2, 4, 6, 7].map((d, i) =>
      ev(`${n}b${i}`, 'sms_out', m + d, { counterparty: `71${i}1`, counterpartyClass: 'short_number' }, s),
    ),
  (_s, n, m) =>
    [0, 9, 30, 45].map((d, i) =>
      ev(`${n}k${i}`, 'card_topup', m + d, { counterparty: `770100${n}${i}`, amount: 3000 }, `card:${n}`),
    ),
  (_s, n, m) =>
    Array.from({ length: 55 }, (_, i) =>
      ev(
        `${n}u${i}`,
        'sms_sent',
        m + i * 0.1,
        { counterparty: `7702${n}${i}`, features: { hasUrl: true } },
        `sender:S${n}`,
      ),
    ),
  (s, n, m) => [ev(`${n}x`, 'transfer_out', m, { counterparty: `7749000${n}`, amount: 200 }, s)],
  (s, n, m) => [
    ev(`${n}f`, 'sms_out', m - 2 * 24 * 60, { counterparty: `7701500${n}` }, s),
    ev(`${n}c`, 'call_in', m, { counterparty: `7701500${n}`, answered: true, durationSec: 120 }, s),
    ev(`${n}x`, 'transfer_out', m + 5, { counterparty: `7701500${n}`, amount: 100 }, s),
  ],
  (s, n, m) => [
    ev(
      `${n}y`,
      'sms_in',
      m,
      { counterparty: `7747000${n}`, features: { spywareOffer: true, brandLookalikeDomain: true } },
      s,
    ),
  ],
];

/** One to eight scenarios, each on its own entity or all on one subscriber, starting within two hours. */
export const scenarioArb = fc
  .array(
    fc.record({
      template: fc.nat(templates.length - 1),
      start: fc.integer({ min: 0, max: 120 }),
      sameEntity: fc.boolean(),
    }),
    {
      minLength: 1,
      maxLength: 8,
    },
  )
  .map((parts) =>
    parts.flatMap((p, n) =>
      templates[p.template](p.sameEntity ? 'msisdn:77010000000' : `msisdn:7701000000${n}`, n, p.start),
    ),
  );
