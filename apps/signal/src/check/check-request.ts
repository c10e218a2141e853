import { z } from 'zod';
import { CamaraError } from '../http/camara-error';

/** CAMARA's phone number: E.164 with a leading +. */
const E164 = /^\+[1-9][0-9]{4,14}$/;
/** Identifiers a partner sends: printable, no spaces, no markup or quotes. */
const IDENTIFIER = /^[A-Za-z0-9._:/-]{1,64}$/;
/** A payee: an identifier, or a phone number in E.164 with its leading +. */
const PAYEE = /^\+?[A-Za-z0-9._:/-]{1,64}$/;

const checkRequestSchema = z
  .object({
    phoneNumber: z.string().regex(E164),
    context: z
      .object({
        transactionId: z.string().regex(IDENTIFIER),
        amount: z.number().positive().max(1e12),
        currency: z.string().regex(/^[A-Z]{3}$/),
        payee: z.string().regex(PAYEE).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** A validated `POST /scam-signal/v1/check` body. */
export type CheckRequest = z.infer<typeof checkRequestSchema>;

/**
 * Validates a check body. The refusal names the fields at fault and never their values: a payload meant for a log
 * or a page must not come back in the answer.
 */
export function parseCheckRequest(body: unknown): CheckRequest {
  const result = checkRequestSchema.safeParse(body);
  if (result.success) return result.data;
  const fields = [
    ...new Set(
      result.error.issues.map((issue) => {
        const path = issue.path.map(String).join('.');
        if (issue.code === 'unrecognized_keys')
          return path === '' ? 'unknown property' : `${path}: unknown property`;
        return path === '' ? 'body' : path;
      }),
    ),
  ]
    .filter((field) => /^[A-Za-z. :]+$/.test(field))
    .sort();
  throw new CamaraError(
    'INVALID_ARGUMENT',
    `Client specified an invalid argument, request body or query param: ${fields.join(', ') || 'body'}.`,
  );
}
