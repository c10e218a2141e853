import { z } from 'zod';

const digits = z.string().regex(/^[0-9]+$/, 'must be digits only');
const nonEmpty = z.string().min(1);
const fragments = z.array(nonEmpty);
const topLevelDomain = z.string().regex(/^[\p{L}\p{N}-]+$/u, 'must be a bare top-level domain');

/** Patterns of one lexicon entry per language; a missing language simply has no patterns. */
export const languagePatternsSchema = z
  .object({ en: fragments.optional(), ru: fragments.optional(), kk: fragments.optional() })
  .strict();

/** Shape of `number-plan.yaml`. */
export const numberPlanFileSchema = z
  .object({
    countryCode: digits.min(1).max(3),
    trunkPrefix: digits.min(1).max(2),
    internationalPrefix: digits.min(1).max(4),
    nationalNumberDigits: z.number().int().min(4).max(14),
    internationalMinDigits: z.number().int().min(4).max(15),
    homePrefixes: z.array(digits.min(2).max(8)).min(1),
    shortNumber: z
      .object({ minDigits: z.number().int().min(2).max(8), maxDigits: z.number().int().min(2).max(8) })
      .strict()
      .refine((range) => range.minDigits <= range.maxDigits, 'minDigits must not exceed maxDigits'),
    premiumShortNumberPattern: nonEmpty,
    officialSenders: z.array(nonEmpty),
    allowListedBulkSenders: z.array(nonEmpty).default([]),
    anonymousAliases: z.array(nonEmpty).default(['anonymous', 'restricted', 'unknown']),
  })
  .strict();

/** Shape of `lexicons.yaml`. */
export const lexiconsFileSchema = z
  .object({
    lures: z
      .object({
        prizeLure: languagePatternsSchema,
        voiceMessageLure: languagePatternsSchema,
        activationLure: languagePatternsSchema,
        mediaLure: languagePatternsSchema,
        virusLure: languagePatternsSchema,
        spywareOffer: languagePatternsSchema,
        codeRequest: languagePatternsSchema,
        moneyRequest: languagePatternsSchema,
        bankImpersonation: languagePatternsSchema,
        fineDebtLure: languagePatternsSchema,
        parcelLure: languagePatternsSchema,
        loanLure: languagePatternsSchema,
        premiumBaitLure: languagePatternsSchema,
        subscriptionLure: languagePatternsSchema,
        numberServiceLure: languagePatternsSchema,
        socialLinkLure: languagePatternsSchema,
        jobOfferLure: languagePatternsSchema,
      })
      .strict(),
    // Concept words (dictionary forms, or prefixes ending in `*`) and the concepts a lure needs in one sentence.
    concepts: z
      .record(z.string().regex(/^[a-zA-Z]+$/, 'must be a name of letters'), languagePatternsSchema)
      .default({}),
    conceptRules: z.record(z.string(), z.array(z.array(nonEmpty).min(1)).min(1)).default({}),
    otpCode: z
      .object({
        codeDigits: z
          .object({ min: z.number().int().min(3).max(12), max: z.number().int().min(3).max(12) })
          .strict()
          .refine((range) => range.min <= range.max, 'min must not exceed max'),
        wording: languagePatternsSchema,
        notAfter: languagePatternsSchema.default({}),
      })
      .strict(),
    quantityUnits: fragments.default([]),
    shortNumberReference: z
      .object({
        before: languagePatternsSchema,
        after: languagePatternsSchema.default({}),
        sendInstruction: languagePatternsSchema,
      })
      .strict(),
    url: z
      .object({
        bareTopLevelDomains: z.array(topLevelDomain).min(1),
        wordLikeTopLevelDomains: z.array(topLevelDomain).default([]),
        spacedDotTopLevelDomains: z.array(topLevelDomain).default([]),
        shorteners: z
          .array(z.string().regex(/^[\p{L}\p{N}.-]+\.[\p{L}\p{N}-]+$/u, 'must be a domain'))
          .default([]),
      })
      .strict(),
  })
  .strict();

/** Shape of `brands.yaml`. */
export const brandsFileSchema = z
  .object({
    brands: z.array(
      z
        .object({
          name: z.string().regex(/^[\p{L}\p{N}-]{3,}$/u, 'must be one word of at least 3 letters or digits'),
          distinctive: z.boolean(),
          officialDomains: z.array(
            z.string().regex(/^[\p{L}\p{N}.-]+\.[\p{L}\p{N}-]+$/u, 'must be a domain'),
          ),
        })
        .strict(),
    ),
  })
  .strict();

export type NumberPlanFile = z.infer<typeof numberPlanFileSchema>;
export type LexiconsFile = z.infer<typeof lexiconsFileSchema>;
export type BrandsFile = z.infer<typeof brandsFileSchema>;
export type LanguagePatterns = z.infer<typeof languagePatternsSchema>;
