import type { Typology } from '@vigil/contracts';
import { brandPhishingLinkScenarios } from './brand-phishing-link.scenarios';
import { falsePrizePaymentScenarios } from './false-prize-payment.scenarios';
import { premiumSmsLureScenarios } from './premium-sms-lure.scenarios';
import { premiumSmsMalwareScenarios } from './premium-sms-malware.scenarios';
import { prizeCodeTheftScenarios } from './prize-code-theft.scenarios';
import { relativeInTroubleScenarios } from './relative-in-trouble.scenarios';
import type { TypologyScenarios } from './scenario-script';
import { smishingBulkSenderScenarios } from './smishing-bulk-sender.scenarios';
import { spywareOfferScenarios } from './spyware-offer.scenarios';
import { stolenCardTopupsScenarios } from './stolen-card-topups.scenarios';
import { unsolicitedTransferRequestScenarios } from './unsolicited-transfer-request.scenarios';

/** Every typology of DESIGN.md with its scam variants and benign look-alikes. */
export const SCENARIO_CATALOGUE: Readonly<Record<Typology, TypologyScenarios>> = {
  prize_code_theft: prizeCodeTheftScenarios,
  false_prize_payment: falsePrizePaymentScenarios,
  relative_in_trouble: relativeInTroubleScenarios,
  premium_sms_lure: premiumSmsLureScenarios,
  premium_sms_malware: premiumSmsMalwareScenarios,
  smishing_bulk_sender: smishingBulkSenderScenarios,
  brand_phishing_link: brandPhishingLinkScenarios,
  spyware_offer: spywareOfferScenarios,
  stolen_card_topups: stolenCardTopupsScenarios,
  unsolicited_transfer_request: unsolicitedTransferRequestScenarios,
};
