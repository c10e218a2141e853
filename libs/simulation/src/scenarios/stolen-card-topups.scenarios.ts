import { cardVariant, knownContact, subscriberVariant, knownNumber } from './scenario-parties';
import type { ScenarioVariant, TypologyScenarios } from './scenario-script';

/**
 * Advisory "Payment card fraud": one card tops up at least 3 distinct numbers within 60 min, or a card top-up
 * is cashed out (a transfer of at least 80 % of it) within 15 min.
 */

const manyNumbers = cardVariant('card_tops_up_many_numbers', (s, card) => {
  const { random } = s;
  const count = random.int(3, 5);
  const spanMin = random.between(5, 55);
  for (let i = 0; i < count; i++) {
    const topup = s.topup(
      s.at((spanMin * i) / (count - 1)),
      s.numbers.home(),
      random.int(4, 30) * 500,
      'bank_card',
      card,
    );
    if (i === 0) s.loss(topup);
  }
});

const cashOut = subscriberVariant('card_topup_cash_out', (s, mule) => {
  const { random } = s;
  const collector = s.numbers.home();
  // The mule has talked to the collector before, so the cash-out is not also an unsolicited transfer.
  knownContact(s, mule, collector);
  const amount = random.int(10, 60) * 500;
  s.topup(s.at(0), mule, amount, 'bank_card', s.numbers.cardToken());
  s.loss(s.transfer(s.atBetween(1, 14), mule, collector, Math.ceil(amount * random.between(0.82, 1))));
});

// ---- benign look-alikes -------------------------------------------------------------------------

const sameNumberThreeTimes = cardVariant('same_number_three_times', (s, card) => {
  const { random } = s;
  const owner = s.numbers.home();
  for (const minute of [0, random.between(5, 25), random.between(30, 55)]) {
    s.topup(s.at(minute), owner, random.int(2, 10) * 500, 'bank_card', card);
  }
});

const twoFamilyNumbers = cardVariant('two_family_numbers', (s, card) => {
  const { random } = s;
  s.topup(s.at(0), s.numbers.home(), random.int(2, 10) * 500, 'bank_card', card);
  s.topup(s.atBetween(2, 55), s.numbers.home(), random.int(2, 10) * 500, 'bank_card', card);
});

/** Three numbers, but never three within one hour. */
const threeNumbersSpread = cardVariant('three_numbers_spread_out', (s, card) => {
  const { random } = s;
  for (const minute of [0, random.between(30, 45), random.between(110, 125)]) {
    s.topup(s.at(minute), s.numbers.home(), random.int(2, 10) * 500, 'bank_card', card);
  }
});

function topupThenFamilyTransfer(
  name: string,
  share: [number, number],
  afterMin: [number, number],
): ScenarioVariant {
  return subscriberVariant(name, (s, subscriber) => {
    const { random } = s;
    const relative = knownNumber(s, subscriber);
    const amount = random.int(4, 40) * 500;
    s.topup(s.at(0), subscriber, amount, 'bank_card', s.numbers.cardToken());
    s.transfer(
      s.atBetween(afterMin[0], afterMin[1]),
      subscriber,
      relative,
      Math.floor(amount * random.between(share[0], share[1])),
    );
  });
}

/** A card top-up, then ordinary transfers to family, none of them most of the top-up. */
const cardTopupThenOrdinaryTransfers = subscriberVariant(
  'card_topup_then_ordinary_transfers',
  (s, subscriber) => {
    const { random } = s;
    const amount = random.int(10, 40) * 500;
    s.topup(s.at(0), subscriber, amount, 'bank_card', s.numbers.cardToken());
    for (let i = 0, count = random.int(2, 3); i < count; i++) {
      const relative = knownNumber(s, subscriber);
      s.transfer(s.atBetween(1, 14), subscriber, relative, Math.floor(amount * random.between(0.15, 0.45)));
    }
  },
);

export const stolenCardTopupsScenarios: TypologyScenarios = {
  typology: 'stolen_card_topups',
  expectedStages: () => ['confirmed'],
  scams: [manyNumbers, cashOut],
  benign: [
    sameNumberThreeTimes,
    twoFamilyNumbers,
    threeNumbersSpread,
    topupThenFamilyTransfer('partial_transfer_after_card_topup', [0.3, 0.7], [1, 14]),
    topupThenFamilyTransfer('full_transfer_after_window', [0.85, 1], [17, 45]),
    cardTopupThenOrdinaryTransfers,
  ],
};
