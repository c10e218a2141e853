import { ENTITY_EVENT_KINDS, PARTY_CLASSES, SEVERITIES, TYPOLOGIES } from '@vigil/contracts';
import { z } from 'zod';
import { isDuration } from '../time/duration';
import { MATCH_MODES } from './match-mode';

const NAME_PATTERN = /^[a-z][a-z0-9_]*$/;
const VARIABLE_PATTERN = /^\$[a-z][a-z0-9_]*\.(counterparty|amount|kind|features\.[A-Za-z][A-Za-z0-9_]*)$/;
const AMOUNT_BOUND_PATTERN = /^(\d+(\.\d+)?\s*\*\s*)?\$[a-z][a-z0-9_]*\.amount$/;

const duration = z.string({ error: 'expected a duration like "30m"' }).refine(isDuration, {
  error: 'expected a duration like "30m"',
});
const name = z.string().regex(NAME_PATTERN, { error: 'expected a snake_case name like "lure"' });
const variable = z
  .string()
  .regex(VARIABLE_PATTERN, { error: 'expected a variable like "$lure.counterparty"' });
/** A literal counterparty, or `$step.field` when it starts with `$`. */
const counterpartyValue = z
  .string()
  .min(1)
  .refine((text) => !text.startsWith('$') || VARIABLE_PATTERN.test(text), {
    error: 'expected a literal or a variable like "$lure.counterparty"',
  });
const amountBound = z.union([
  z.number().min(0),
  z.string().regex(AMOUNT_BOUND_PATTERN, { error: 'expected a number or "0.8 * $step.amount"' }),
]);
const featureCondition = z.union([
  z.boolean(),
  z.number(),
  z.string().min(1),
  z.array(z.string().min(1)).min(1),
]);
const severity = z.enum(SEVERITIES);
/** How many matches one scam may raise (Flink's after-match skip strategies); see matching/match-mode.ts. */
const matchMode = z.enum(MATCH_MODES);
const kind = z.enum(ENTITY_EVENT_KINDS);

/** One-event condition; every field present must hold (logical AND). */
export const predicateSchema = z
  .strictObject({
    kind: kind.optional(),
    kinds: z.array(kind).min(1).optional(),
    counterpartyClass: z.array(z.enum(PARTY_CLASSES)).min(1).optional(),
    notCounterpartyClass: z.array(z.enum(PARTY_CLASSES)).min(1).optional(),
    channel: z.array(z.string().min(1)).min(1).optional(),
    counterparty: counterpartyValue.optional(),
    counterpartyNot: counterpartyValue.optional(),
    counterpartyIn: z.union([variable, z.array(z.string().min(1)).min(1)]).optional(),
    firstContact: z.boolean().optional(),
    answered: z.boolean().optional(),
    minDurationSec: z.number().int().min(0).optional(),
    amount: z.strictObject({ gte: amountBound.optional(), lte: amountBound.optional() }).optional(),
    features: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/), featureCondition).optional(),
  })
  .refine((p) => (p.kind === undefined) !== (p.kinds === undefined), {
    error: 'a predicate needs exactly one of "kind" or "kinds"',
  });

export const stepSchema = z
  .strictObject({
    name,
    within: duration.optional(),
    match: predicateSchema.optional(),
    anyOf: z.array(predicateSchema).min(1).optional(),
    absent: predicateSchema.optional(),
    /** Later events that repeat this step (more calls from the same number): the next step's `within` runs from the latest. */
    repeats: predicateSchema.optional(),
    optional: z.boolean().optional(),
    severity: severity.optional(),
  })
  .refine((s) => [s.match, s.anyOf, s.absent].filter((x) => x !== undefined).length === 1, {
    error: 'a step needs exactly one of "match", "anyOf" or "absent"',
  });

export const thresholdSchema = z.strictObject({
  match: predicateSchema.optional(),
  anyOf: z.array(predicateSchema).min(1).optional(),
  distinct: z
    .string()
    .regex(/^(counterparty|features\.[A-Za-z][A-Za-z0-9_]*)$/, {
      error: 'expected "counterparty" or "features.<name>"',
    })
    .optional(),
  atLeast: z.number().int().min(2),
  window: duration,
});

const actionsSchema = z.strictObject({
  early_warning: z
    .strictObject({
      after: name,
      notify: z
        .string()
        .regex(/^[a-z][a-z0-9-]*$/, { error: 'expected a template id like "never-share-code"' }),
      severity: severity.optional(),
    })
    .optional(),
  confirmed: z
    .strictObject({
      severity: severity.optional(),
      notify: z
        .string()
        .regex(/^[a-z][a-z0-9-]*$/, { error: 'expected a template id like "phishing-link-warning"' })
        .optional(),
    })
    .optional(),
});

/** A rule as written in YAML, before compilation. */
export const ruleSchema = z
  .strictObject({
    id: name,
    version: z.number().int().min(1),
    typology: z.enum(TYPOLOGIES),
    severity,
    description: z.string().min(1),
    explanation: z.string().min(1),
    within: duration.optional(),
    matches: matchMode.optional(),
    /** Rule ids this rule is more specific than (rule-specificity.ts). */
    supersedes: z.array(name).min(1).optional(),
    sequence: z.array(stepSchema).min(1).optional(),
    threshold: thresholdSchema.optional(),
    single: predicateSchema.optional(),
    actions: actionsSchema.optional(),
  })
  .refine((r) => [r.sequence, r.threshold, r.single].filter((x) => x !== undefined).length === 1, {
    error: 'a rule needs exactly one of "sequence", "threshold" or "single"',
  });

export type PredicateDefinition = z.infer<typeof predicateSchema>;
export type StepDefinition = z.infer<typeof stepSchema>;
export type ThresholdDefinition = z.infer<typeof thresholdSchema>;
export type RuleDefinition = z.infer<typeof ruleSchema>;
