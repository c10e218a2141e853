import type { NumberPlanFile } from '../config/ingest-config.schema';
import { IngestConfigError } from '../ingest.errors';
import { alphanumericId, normalizeNumber } from './number-plan';
import type { NumberPlan } from './party.types';

const HAS_LETTER = /\p{L}/u;

/** Compiles a validated `number-plan.yaml` document; `file` names it in errors. */
export function compileNumberPlan(doc: NumberPlanFile, file: string): NumberPlan {
  let premiumShortNumber: RegExp;
  try {
    premiumShortNumber = new RegExp(doc.premiumShortNumberPattern);
  } catch (error) {
    throw new IngestConfigError(file, [
      `premiumShortNumberPattern: invalid regular expression (${(error as Error).message})`,
    ]);
  }
  const base: NumberPlan = {
    countryCode: doc.countryCode,
    trunkPrefix: doc.trunkPrefix,
    internationalPrefix: doc.internationalPrefix,
    nationalNumberDigits: doc.nationalNumberDigits,
    internationalMinDigits: doc.internationalMinDigits,
    homePrefixes: [...doc.homePrefixes],
    shortNumberMinDigits: doc.shortNumber.minDigits,
    shortNumberMaxDigits: doc.shortNumber.maxDigits,
    premiumShortNumber,
    allowListedSenderIds: new Set(),
    anonymousAliases: new Set(doc.anonymousAliases.map((alias) => alias.trim().toLowerCase())),
  };
  const problems: string[] = [];
  const ids = new Set<string>();
  const addSenders = (key: string, senders: readonly string[]): void =>
    senders.forEach((sender, index) => {
      const id = HAS_LETTER.test(sender) ? alphanumericId(sender) : normalizeNumber(sender, base);
      if (id === undefined)
        problems.push(`${key}[${index}]: "${sender}" is not a usable sender under this number plan`);
      else ids.add(id);
    });
  addSenders('officialSenders', doc.officialSenders);
  addSenders('allowListedBulkSenders', doc.allowListedBulkSenders);
  doc.homePrefixes.forEach((prefix, index) => {
    if (!prefix.startsWith(doc.countryCode)) {
      problems.push(
        `homePrefixes[${index}]: "${prefix}" must start with the country code ${doc.countryCode}`,
      );
    }
  });
  if (problems.length > 0) throw new IngestConfigError(file, problems);
  return { ...base, allowListedSenderIds: ids };
}
