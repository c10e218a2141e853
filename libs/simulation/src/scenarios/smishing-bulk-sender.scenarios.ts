import { SMISHING_TEXTS } from '../texts/scam-texts';
import {
  NOTICE_WITHOUT_LINK_TEXTS,
  SHOP_PROMO_TEXTS,
  SHOP_SENDERS,
  SMALL_BUSINESS_TEXTS,
} from '../texts/service-texts';
import { renderText } from '../texts/language';
import { scamTextValues, senderEntity, SMISHING_DOMAINS } from './scenario-parties';
import type { ScenarioScript, ScenarioVariant, TypologyScenarios } from './scenario-script';

/**
 * Advisory "SMS containing a malicious link": a sender that is not allow-listed sends SMS with a link to at
 * least 50 distinct recipients within 10 min.
 */

/** Sends one text per recipient, spread evenly over `spanMs` from the anchor. */
function mailing(s: ScenarioScript, sender: string, count: number, spanMs: number, text: () => string): void {
  const recipients = s.recipients(count);
  recipients.forEach((recipient, i) => {
    const atMs = s.anchorMs + Math.round((spanMs * i) / Math.max(1, recipients.length - 1));
    s.sms(atMs, sender, recipient, text());
  });
}

function bulkLink(senderKind: 'alphanumeric' | 'msisdn' | 'international'): ScenarioVariant {
  return {
    name: `bulk_link_${senderKind}_sender`,
    play(s) {
      const { random } = s;
      const sender =
        senderKind === 'alphanumeric'
          ? s.numbers.alphanumeric(random.pick(['Info', 'Photo', 'Post', 'Delivery', 'Notice']))
          : senderKind === 'msisdn'
            ? s.numbers.home()
            : s.numbers.international();
      const url = `https://${random.pick(SMISHING_DOMAINS)}/${random.hex(5)}`;
      // 55+ recipients: clear of the 50 threshold, sent within 2-9 min.
      mailing(s, sender, random.int(55, 110), random.between(2, 9) * 60_000, () =>
        renderText(SMISHING_TEXTS, scamTextValues(random, { url: `${url}?u=${random.hex(4)}` }), random),
      );
      return { entity: senderEntity(sender) };
    },
  };
}

// ---- benign look-alikes -------------------------------------------------------------------------

const allowListedShop: ScenarioVariant = {
  name: 'allow_listed_shop_mailing',
  play(s) {
    const { random } = s;
    const shop = random.pick(SHOP_SENDERS);
    mailing(s, shop.sender, random.int(60, 150), random.between(3, 8) * 60_000, () =>
      renderText(SHOP_PROMO_TEXTS, { domain: shop.domain }, random),
    );
    return { entity: senderEntity(shop.sender) };
  },
};

function smallBusinessSender(s: ScenarioScript): { sender: string; domain: string } {
  const base = s.random.pick(['Cafe', 'Fitnes', 'Dental', 'Market', 'Salon']);
  // A numeric suffix: three hex letters could spell a brand of the catalogue ("bcc"), a look-alike no shop means.
  return {
    sender: s.numbers.alphanumeric(base),
    domain: `${base.toLowerCase()}-${s.random.int(100, 999)}.kz`,
  };
}

/** A small business mails its customers: `plan` draws how many SMS, over how long (ms), and what each says. */
function smallBusinessMailing(
  name: string,
  plan: (s: ScenarioScript, domain: string) => { count: number; spanMs: number; text: () => string },
): ScenarioVariant {
  return {
    name,
    play(s) {
      const { sender, domain } = smallBusinessSender(s);
      const { count, spanMs, text } = plan(s, domain);
      mailing(s, sender, count, spanMs, text);
      return { entity: senderEntity(sender) };
    },
  };
}

const underThreshold = smallBusinessMailing('link_mailing_under_threshold', (s, domain) => ({
  count: s.random.int(25, 45),
  spanMs: s.random.between(2, 9) * 60_000,
  text: () => renderText(SMALL_BUSINESS_TEXTS, { domain }, s.random),
}));

/** Many recipients, but at most about 33 in any 10 min (one SMS every 18-26 s). */
const spreadOutMailing = smallBusinessMailing('link_mailing_spread_out', (s, domain) => {
  const count = s.random.int(60, 90);
  return {
    count,
    spanMs: count * s.random.between(18_000, 26_000),
    text: () => renderText(SMALL_BUSINESS_TEXTS, { domain }, s.random),
  };
});

const mailingWithoutLink = smallBusinessMailing('mailing_without_link', (s) => ({
  count: s.random.int(60, 100),
  spanMs: s.random.between(3, 8) * 60_000,
  text: () => renderText(NOTICE_WITHOUT_LINK_TEXTS, {}, s.random),
}));

export const smishingBulkSenderScenarios: TypologyScenarios = {
  typology: 'smishing_bulk_sender',
  expectedStages: () => ['confirmed'],
  scams: [bulkLink('alphanumeric'), bulkLink('msisdn'), bulkLink('international')],
  benign: [allowListedShop, underThreshold, spreadOutMailing, mailingWithoutLink],
};
