import { resolve } from 'node:path';
import { extractSmsFeatures, loadIngestConfig, type SmsFeatures } from '@vigil/ingest';
import { renderAll, type TextCatalogue } from './language';
import * as scam from './scam-texts';
import * as service from './service-texts';
import * as chat from './chat-texts';
import { LOOKALIKE_DOMAINS, SMISHING_DOMAINS } from '../scenarios/scenario-parties';
import type { ScamTextValues } from './scam-texts';

const config = loadIngestConfig(resolve(__dirname, '../../../../config/ingest'));
const SCAMMER = '77051234567';
const FRIEND = '77011234567';
const LURES = ['prizeLure', 'voiceMessageLure', 'activationLure', 'virusLure', 'spywareOffer'] as const;
type Lure = (typeof LURES)[number];

const values = (overrides: Partial<ScamTextValues> = {}): ScamTextValues => ({
  prize: 'iPhone 15',
  organizer: 'Magnum',
  amount: 5000,
  number: '77019876543',
  shortNumber: '7790',
  payload: '4521',
  url: 'https://photo-view.xyz/a1b2c',
  ...overrides,
});

function features<P>(catalogue: TextCatalogue<P>, filled: P, sender: string): Array<[string, SmsFeatures]> {
  return renderAll(catalogue, filled).map((text) => [text, extractSmsFeatures(text, sender, config)]);
}

/** Only `expected` lures are on; everything else a rule reads is off. */
function expectOnly(
  all: Array<[string, SmsFeatures]>,
  expected: Lure[],
  extra: Partial<SmsFeatures> = {},
): void {
  for (const [text, f] of all) {
    const on = LURES.filter((lure) => f[lure]);
    expect({ text, on }).toEqual({ text, on: expected });
    for (const [name, value] of Object.entries(extra))
      expect({ text, [name]: f[name as keyof SmsFeatures] }).toEqual({ text, [name]: value });
  }
}

describe('simulated SMS texts, read by the real ingest feature extractor', () => {
  it('covers Kazakh, Russian and English in every catalogue', () => {
    for (const catalogue of [
      scam.PRIZE_LURE_TEXTS,
      scam.VOICE_MESSAGE_LURE_TEXTS,
      scam.SPYWARE_OFFER_TEXTS,
      service.OTP_TEXTS,
      chat.CHAT_TEXTS,
    ]) {
      expect(catalogue.kk.length * catalogue.ru.length * catalogue.en.length).toBeGreaterThan(0);
    }
  });

  describe('scam texts raise the features their rule needs', () => {
    it('prize lures: prizeLure, no code, no link, no short number', () => {
      expectOnly(features(scam.PRIZE_LURE_TEXTS, values(), SCAMMER), ['prizeLure'], {
        otpCode: false,
        hasUrl: false,
        referencedShortNumbers: [],
      });
      expectOnly(features(scam.PRIZE_FEE_TEXTS, values(), SCAMMER), ['prizeLure'], {
        otpCode: false,
        hasUrl: false,
        referencedShortNumbers: [],
      });
    });

    it.each([
      ['voice-message', scam.VOICE_MESSAGE_LURE_TEXTS, 'voiceMessageLure'],
      ['activation', scam.ACTIVATION_LURE_TEXTS, 'activationLure'],
      ['virus', scam.VIRUS_LURE_TEXTS, 'virusLure'],
    ] as const)('%s lures name the premium short number and carry no OTP', (_name, catalogue, lure) => {
      expectOnly(features(catalogue, values(), SCAMMER), [lure], {
        otpCode: false,
        referencedShortNumbers: ['7790'],
        officialSender: false,
      });
    });

    it.each(LOOKALIKE_DOMAINS)('brand phishing on %s is a brand look-alike domain', (domain) => {
      for (const [text, f] of features(
        scam.BRAND_PHISHING_TEXTS,
        values({ url: `https://${domain}/survey` }),
        SCAMMER,
      )) {
        expect({ text, hasUrl: f.hasUrl, brandLookalikeDomain: f.brandLookalikeDomain }).toEqual({
          text,
          hasUrl: true,
          brandLookalikeDomain: true,
        });
      }
    });

    it.each(SMISHING_DOMAINS)('smishing on %s has a link and no lure or brand', (domain) => {
      expectOnly(
        features(scam.SMISHING_TEXTS, values({ url: `https://${domain}/a1b2c?u=9f3e` }), 'Info-7k2'),
        [],
        {
          hasUrl: true,
          brandLookalikeDomain: false,
          otpCode: false,
          officialSender: false,
        },
      );
    });

    it('spyware offers: spywareOffer only', () => {
      expectOnly(features(scam.SPYWARE_OFFER_TEXTS, values(), SCAMMER), ['spywareOffer'], {
        brandLookalikeDomain: false,
      });
    });

    it('confirmation codes from service senders: otpCode and serviceSender', () => {
      for (const sender of service.OTP_SENDERS) {
        expectOnly(features(service.OTP_TEXTS, { code: '482193' }, sender), [], {
          otpCode: true,
          serviceSender: true,
          hasUrl: false,
        });
      }
    });
  });

  describe('benign texts do not raise what a rule would read', () => {
    it('chat between relatives and shared links: no lure, no code, no brand look-alike', () => {
      expectOnly(features(chat.CHAT_TEXTS, {}, FRIEND), [], {
        otpCode: false,
        hasUrl: false,
        referencedShortNumbers: [],
      });
      expectOnly(features(chat.SPYWARE_NEAR_MISS_TEXTS, {}, FRIEND), [], { otpCode: false, hasUrl: false });
      for (const url of chat.SHARED_URLS) {
        expectOnly(features(chat.LINK_SHARE_TEXTS, { url }, FRIEND), [], {
          hasUrl: true,
          brandLookalikeDomain: false,
          otpCode: false,
        });
      }
    });

    it('official notices use lure words but come from official senders with official domains', () => {
      const official: Array<[TextCatalogue<Record<string, never>>, string]> = [
        [service.OFFICIAL_PROMO_TEXTS, 'Kcell'],
        [service.OFFICIAL_ACTIVATION_TEXTS, 'Kcell'],
        [service.OFFICIAL_VIRUS_WARNING_TEXTS, 'Kcell'],
        [service.OFFICIAL_SPYWARE_WARNING_TEXTS, 'Kcell'],
        [service.VOICEMAIL_NOTICE_TEXTS, '2000'],
      ];
      for (const [catalogue, sender] of official) {
        for (const [text, f] of features(catalogue, {}, sender)) {
          expect({
            text,
            officialSender: f.officialSender,
            brandLookalikeDomain: f.brandLookalikeDomain,
            otpCode: f.otpCode,
          }).toEqual({
            text,
            officialSender: true,
            brandLookalikeDomain: false,
            otpCode: false,
          });
        }
      }
    });

    it('shop mailings are allow-listed; small-business mailings have no lure', () => {
      for (const { sender, domain } of service.SHOP_SENDERS) {
        expectOnly(features(service.SHOP_PROMO_TEXTS, { domain }, sender), [], {
          officialSender: true,
          brandLookalikeDomain: false,
        });
      }
      expectOnly(features(service.SMALL_BUSINESS_TEXTS, { domain: 'cafe-1a2.kz' }, 'Cafe-1a2'), [], {
        hasUrl: true,
        officialSender: false,
      });
      expectOnly(features(service.NOTICE_WITHOUT_LINK_TEXTS, {}, 'Cafe-1a2'), [], {
        hasUrl: false,
        otpCode: false,
      });
    });
  });
});
