import type { IngestConfig } from '../config/ingest-config.types';
import { classifySender } from '../number-plan/number-plan';
import type { NumberPlan, Party } from '../number-plan/party.types';
import { foldForMatching, lowerVisible } from '../text/text-folding';
import { undoWordObfuscation } from '../text/word-deobfuscation';
import { isBrandLookalikeDomain } from './brand-lookalike';
import { matchLures } from './lure-matcher';
import { findReferencedShortNumbers } from './short-number-references';
import { hasOtpCode } from './otp-code';
import { extractUrlDomains, isShortenerDomain } from './url-extractor';

/** Kind of SMS sender, as the correlation rules see it. */
export type SenderClass = 'msisdn' | 'short_number' | 'alphanumeric' | 'official' | 'unrecognized';

/**
 * Features of one SMS, computed in memory from its text and sender. Exactly these names are read by the
 * correlation rules. No feature holds the text; urlDomains and referencedShortNumbers hold only the domains
 * and short numbers found in it.
 */
export type SmsFeatures = {
  /**
   * A link is present, also obfuscated or broken (hxxp, `http:/`, `[.]`, spaced dots, www without scheme, bare
   * kcell-bonus.kz); bare domains are checked against the Public Suffix List.
   */
  hasUrl: boolean;
  /** Distinct link hosts (without `www.`), lower-cased and deobfuscated, at most 8. */
  urlDomains: string[];
  /** A link goes through a link shortener (bit.ly, clck.ru, ...), which hides where it leads. */
  shortenerUrl: boolean;
  /** A URL domain names a brand (also kce11-style) but is not an official domain or a subdomain of one. */
  brandLookalikeDomain: boolean;
  prizeLure: boolean;
  /** Confirmation/OTP wording next to a 4-8 digit code (not a code to send to a short number). */
  otpCode: boolean;
  voiceMessageLure: boolean;
  activationLure: boolean;
  /** Device blocked / virus found / licence expired / pay a penalty. */
  virusLure: boolean;
  /** Offer of SMS/call interception or phone-tracking software. */
  spywareOffer: boolean;
  /** A photo, video or comment "of you" to open ("это ты на фото?"): the bait of malicious links. */
  mediaLure: boolean;
  /** Asks for the code that arrived by SMS ("назовите код из SMS", "tell me the code"). */
  codeRequest: boolean;
  /** A relative, friend or stranger asks to send, top up or return money ("мама, пополни счёт"). */
  moneyRequest: boolean;
  /** Speaks as a bank or security service: card or account blocked, suspicious operation, hacked account. */
  bankImpersonation: boolean;
  /** A fine, penalty, debt, tax or state payout to pay or to claim. */
  fineDebtLure: boolean;
  /** A parcel, delivery, courier or customs hold. */
  parcelLure: boolean;
  /** A loan or credit offered, approved, refused or to be cancelled. */
  loanLure: boolean;
  /** Call or text a number to learn who likes or looks for the reader, or to donate by paid SMS. */
  premiumBaitLure: boolean;
  /** A paid service, subscription or order said to be connected in the reader's name, to cancel. */
  subscriptionLure: boolean;
  /** The reader's number, SIM card, tariff or operator contract failing, expiring or to be renewed. */
  numberServiceLure: boolean;
  /** Vote for a friend, or see what someone wrote, tagged or reported about the reader. */
  socialLinkLure: boolean;
  /** Remote, part-time or easy work with daily pay offered. */
  jobOfferLure: boolean;
  /** Short numbers the text asks to write to or call ("send SMS to 7575"), distinct, at most 8. */
  referencedShortNumbers: string[];
  senderClass: SenderClass;
  /** The sender is on the official or allow-listed bulk sender list (2000, Kcell, 9090, ...). */
  officialSender: boolean;
  /** The sender is a short number or an alphanumeric id: the kind of sender that delivers OTP codes. */
  serviceSender: boolean;
};

/** The sender class of a classified party (hidden senders count as alphanumeric ids). */
export function senderClassOf(sender: Party | undefined): SenderClass {
  switch (sender?.class) {
    case 'home_msisdn':
    case 'domestic':
    case 'international':
      return 'msisdn';
    case 'short_number':
      return 'short_number';
    case 'official':
      return 'official';
    case 'unrecognized':
      return 'unrecognized';
    default:
      return 'alphanumeric';
  }
}

const ALL_DIGITS = /^[0-9]+$/;

function isServiceSender(sender: Party | undefined, plan: NumberPlan): boolean {
  if (sender === undefined) return false;
  // An allow-listed sender is a service sender unless it is a full subscriber number.
  if (sender.class === 'official')
    return !ALL_DIGITS.test(sender.id) || sender.id.length <= plan.shortNumberMaxDigits;
  return sender.class === 'short_number' || sender.class === 'alphanumeric';
}

/**
 * Extracts SMS features for an already classified sender. The text is only read here: it is not kept, returned
 * or logged. Features are computed whoever the sender is; rules weigh them with `officialSender`.
 */
export function extractSmsFeaturesForSender(
  text: string | undefined,
  sender: Party | undefined,
  config: IngestConfig,
): SmsFeatures {
  const senderClass = senderClassOf(sender);
  const officialSender = sender?.class === 'official';
  const serviceSender = isServiceSender(sender, config.numberPlan);
  if (text === undefined || text.length === 0) {
    return {
      hasUrl: false,
      urlDomains: [],
      shortenerUrl: false,
      brandLookalikeDomain: false,
      prizeLure: false,
      otpCode: false,
      voiceMessageLure: false,
      activationLure: false,
      virusLure: false,
      spywareOffer: false,
      mediaLure: false,
      codeRequest: false,
      moneyRequest: false,
      bankImpersonation: false,
      fineDebtLure: false,
      parcelLure: false,
      loanLure: false,
      premiumBaitLure: false,
      subscriptionLure: false,
      numberServiceLure: false,
      socialLinkLure: false,
      jobOfferLure: false,
      referencedShortNumbers: [],
      senderClass,
      officialSender,
      serviceSender,
    };
  }
  const { lexicons, brands } = config;
  const lower = lowerVisible(text);
  const urlDomains = extractUrlDomains(lower, lexicons.url);
  const folded = undoWordObfuscation(foldForMatching(lower));
  const lures = matchLures(lower, folded, lexicons.lures);
  const referencedShortNumbers = findReferencedShortNumbers(folded, lexicons.shortNumberReference);
  // "Send SMS to 7575 with the code 1234": that code is a payload for the short number, not a confirmation code.
  const codeIsPayload =
    referencedShortNumbers.length > 0 && lexicons.shortNumberReference.sendInstruction.test(folded);
  return {
    hasUrl: urlDomains.length > 0,
    urlDomains,
    shortenerUrl: urlDomains.some((domain) => isShortenerDomain(domain, lexicons.url)),
    brandLookalikeDomain: urlDomains.some((domain) => isBrandLookalikeDomain(domain, brands)),
    prizeLure: lures.prizeLure,
    otpCode: !codeIsPayload && hasOtpCode(folded, lexicons.otpCode),
    voiceMessageLure: lures.voiceMessageLure,
    activationLure: lures.activationLure,
    virusLure: lures.virusLure,
    spywareOffer: lures.spywareOffer,
    mediaLure: lures.mediaLure,
    codeRequest: lures.codeRequest,
    moneyRequest: lures.moneyRequest,
    bankImpersonation: lures.bankImpersonation,
    fineDebtLure: lures.fineDebtLure,
    parcelLure: lures.parcelLure,
    loanLure: lures.loanLure,
    premiumBaitLure: lures.premiumBaitLure,
    subscriptionLure: lures.subscriptionLure,
    numberServiceLure: lures.numberServiceLure,
    socialLinkLure: lures.socialLinkLure,
    jobOfferLure: lures.jobOfferLure,
    referencedShortNumbers,
    senderClass,
    officialSender,
    serviceSender,
  };
}

/**
 * Extracts SMS features from the text and the raw sender string (classified under the configured number
 * plan). The text is read in memory only: it is never returned, stored or logged.
 */
export function extractSmsFeatures(
  text: string | undefined,
  sender: string,
  config: IngestConfig,
): SmsFeatures {
  return extractSmsFeaturesForSender(text, classifySender(sender, config.numberPlan), config);
}
