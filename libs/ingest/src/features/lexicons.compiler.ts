import type { LexiconsFile } from '../config/ingest-config.schema';
import type { NumberPlan } from '../number-plan/party.types';
import { compileLureMatcher, type LureMatcher } from './lure-matcher';
import { compileOtpCodePattern, type OtpCodePattern } from './otp-code';
import {
  compileShortNumberReferencePattern,
  type ShortNumberReferencePattern,
} from './short-number-references';
import { compileUrlPattern, type UrlPattern } from './url-extractor';

/** Every text pattern of SMS feature extraction, compiled once at load from `lexicons.yaml`. */
export interface CompiledLexicons {
  readonly lures: LureMatcher;
  readonly otpCode: OtpCodePattern;
  readonly shortNumberReference: ShortNumberReferencePattern;
  readonly url: UrlPattern;
}

/** Compiles a validated `lexicons.yaml` document; short-number lengths come from the number plan. */
export function compileLexicons(doc: LexiconsFile, plan: NumberPlan, file: string): CompiledLexicons {
  return {
    lures: compileLureMatcher(doc, file),
    otpCode: compileOtpCodePattern(doc.otpCode, doc.quantityUnits, file),
    shortNumberReference: compileShortNumberReferencePattern(
      doc.shortNumberReference,
      doc.quantityUnits,
      plan.shortNumberMinDigits,
      plan.shortNumberMaxDigits,
      file,
    ),
    url: compileUrlPattern(doc.url),
  };
}
