import { BRAND_PHISHING_TEXTS } from '../texts/scam-texts';
import { LINK_SHARE_TEXTS, SHARED_URLS } from '../texts/chat-texts';
import {
  OFFICIAL_ACTIVATION_TEXTS,
  OFFICIAL_PROMO_TEXTS,
  SHOP_PROMO_TEXTS,
  SHOP_SENDERS,
} from '../texts/service-texts';
import { renderText } from '../texts/language';
import {
  LOOKALIKE_DOMAINS,
  scamSender,
  scamTextValues,
  subscriberVariant,
  knownNumber,
} from './scenario-parties';
import type { ScenarioVariant, TypologyScenarios } from './scenario-script';

/** Advisory "Fishing website detected": one SMS with a link to a domain imitating the operator's brand. */

function lookalikeLink(senderKind: 'msisdn' | 'alphanumeric'): ScenarioVariant {
  return subscriberVariant(`lookalike_link_${senderKind}_sender`, (s, victim) => {
    const { random } = s;
    const sender = scamSender(s, senderKind, ['Kcel1', 'Bonus', 'Promo']);
    const url = `https://${random.pick(LOOKALIKE_DOMAINS)}/${random.pick(['survey', 'win', 'bonus', 'gift'])}`;
    s.loss(
      s.sms(
        s.at(0),
        sender,
        victim,
        renderText(BRAND_PHISHING_TEXTS, scamTextValues(random, { url }), random),
      ),
    );
  });
}

// ---- benign look-alikes -------------------------------------------------------------------------

const officialLink = subscriberVariant('official_sender_official_domain', (s, subscriber) => {
  const { random } = s;
  const texts = random.chance(0.5) ? OFFICIAL_PROMO_TEXTS : OFFICIAL_ACTIVATION_TEXTS;
  s.sms(s.at(0), 'Kcell', subscriber, renderText(texts, {}, random));
});

const friendSharesLink = subscriberVariant('friend_shares_ordinary_link', (s, subscriber) => {
  const { random } = s;
  const friend = knownNumber(s, subscriber);
  s.sms(s.at(0), friend, subscriber, renderText(LINK_SHARE_TEXTS, { url: random.pick(SHARED_URLS) }, random));
});

const shopLink = subscriberVariant('allow_listed_shop_link', (s, subscriber) => {
  const { random } = s;
  const shop = random.pick(SHOP_SENDERS);
  s.sms(s.at(0), shop.sender, subscriber, renderText(SHOP_PROMO_TEXTS, { domain: shop.domain }, random));
});

export const brandPhishingLinkScenarios: TypologyScenarios = {
  typology: 'brand_phishing_link',
  expectedStages: () => ['confirmed'],
  scams: [lookalikeLink('msisdn'), lookalikeLink('alphanumeric')],
  benign: [officialLink, friendSharesLink, shopLink],
};
