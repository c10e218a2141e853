import { shippedIngestConfig } from '../testing/ingest-config.fixture';
import { LURE_FEATURES, type LureFeature } from './lure-matcher';
import { extractSmsFeatures } from './sms-features';

// Wording seen in real texts (the corpus under test/fixtures/real-sms): each change has a positive case and a
// benign twin that shares its words.
const config = shippedIngestConfig();
const UNKNOWN_NUMBER = '77759876543';

function luresOf(text: string): LureFeature[] {
  const features = extractSmsFeatures(text, UNKNOWN_NUMBER, config);
  return LURE_FEATURES.filter((lure) => features[lure]);
}

describe('extractSmsFeatures: a lender speaking of its own credit is no lure', () => {
  it.each([
    'VISA1234 11.03 16:34 погашение кредита 2000р Баланс: 17.23р',
    'Списание 17086р в счет погашения кредита. Баланс: 11749.46р',
    'Платеж по кредиту 11.09, сумма 15500 RUR. Внесите 14164 RUR',
    'Погашение задолженности 2600 RUR по карте *4579',
    'Приход по счету карты *0482; 1 000 RUB; Кредит: 25 969,53 RUB',
    'Зачисление по договору займа 171350р',
    'Kaspi Депозит: Оплата кредита 48 000т',
  ])('%s', (text) => {
    expect(luresOf(text)).toEqual([]);
  });

  it.each([
    ['Вам одобрен кредит до 500 000 тг, получите сегодня', 'loanLure'],
    ['Оформите займ на карту за 5 минут', 'loanLure'],
    ['У вас задолженность по кредиту, оплатите сегодня, иначе пени', 'fineDebtLure'],
  ] as const)('still raises the lure in an offer or a claim: %s', (text, lure) => {
    expect(luresOf(text)).toContain(lure);
  });
});

describe('extractSmsFeatures: money requests need money as the object', () => {
  it.each([
    'Отправьте на номер 7575 слово СТОП',
    'Отправьте на номер +7 (908) 622-22-21 код подтверждения 654321',
    'Пришли мне фото паспорта для визы',
    'My number is the same, call me after 6',
    'Запиши номер такси: 77011234567',
  ])('no money request: %s', (text) => {
    expect(luresOf(text)).not.toContain('moneyRequest');
  });

  it.each([
    'Пришли мне 500 р, потом объясню',
    'Срочно нужны деньги, перезвоню',
    'Выручи деньгами до пятницы',
    'Can you send me $200 today? I lost my card',
    'Buy me some Google Play gift cards and send the codes',
    'Hi mum, my phone broke, this is my new number, save it please',
    "Hi mum I'm texting off a friend's phone, mine is smashed",
    'Мама, это мой новый номер, старый телефон сломался',
  ])('money request: %s', (text) => {
    expect(luresOf(text)).toContain('moneyRequest');
  });
});

describe('extractSmsFeatures: short numbers and amounts', () => {
  it.each([
    ['Подробнее по тел. *0701 (звонок бесплатный)', ['0701']],
    ['Баланс карты пополнился на 3000 RUR', []],
    ['Перевод на 500 р выполнен', []],
    ['Txt the word CLAIM to No: 81010 T&C apply', ['81010']],
    ['Your refund for the tax years from 2020 to 2021 is ready', []],
  ])('reads %j as naming %j', (text, expected) => {
    expect(extractSmsFeatures(text, UNKNOWN_NUMBER, config).referencedShortNumbers).toEqual(expected);
  });
});

describe('extractSmsFeatures: a confirmation code anywhere in its sentence', () => {
  it.each([
    'Код для входа в приложение банка и подтверждения всех операций по вашим картам и счетам: 482913',
    'Enter the code from the kaspi.kz page and confirm the payment of your order today with 4821',
    '482913 is the code you asked for to sign in to the online banking app on your new phone',
  ])('otpCode: %s', (text) => {
    expect(extractSmsFeatures(text, 'KaspiBank', config).otpCode).toBe(true);
  });

  it.each([
    'Ваш код придёт в следующем сообщении. Встреча в 1830 у входа',
    'Code word for the party is banana! Call me on 4821 later',
    'Промокод на скидку: 4821',
  ])('no otpCode when the digits are in another sentence or another code: %s', (text) => {
    expect(extractSmsFeatures(text, 'KaspiBank', config).otpCode).toBe(false);
  });
});

describe('extractSmsFeatures: broader wording of the scam families', () => {
  it.each([
    ['Unusual sign-in attempt on your account. Verify your identity now', 'bankImpersonation'],
    ['Your account has been temporarily limited, restore access here', 'bankImpersonation'],
    ['Зафиксирован вход в ваш аккаунт с нового устройства', 'bankImpersonation'],
    ['С вами говорит сотрудник Центробанка', 'bankImpersonation'],
    ['Есептік жазбаңыз бұғатталды', 'bankImpersonation'],
    ['Глянь, тут твои фото выложили', 'mediaLure'],
    ['Is this you in the video? lol', 'mediaLure'],
    ['Бұл суреттегі сен бе?', 'mediaLure'],
    ['Назвав код из SMS, вы подтвердите запись к врачу', 'codeRequest'],
    ['Сейчас вам придёт SMS с кодом', 'codeRequest'],
    ['Кодты атаңызшы', 'codeRequest'],
    ['Reply with the code you just received', 'codeRequest'],
    ['Your toll payment is overdue, pay now to avoid fees', 'fineDebtLure'],
    ['You are eligible for a tax refund of 320 GBP', 'fineDebtLure'],
    ['There was a large purchase on your account. Reply YES or NO', 'bankImpersonation'],
    ['PayPal: We have permanently limited your account, click below', 'bankImpersonation'],
    ["If you don't recognize this transaction, report it here", 'bankImpersonation'],
    ['A charge of 321.14 was made with Apple Pay. Call now if you didn’t authorize it', 'bankImpersonation'],
    ['Вам положена единовременная выплата, оформите до пятницы', 'fineDebtLure'],
    ['USPS: your package is on hold, confirm your address', 'parcelLure'],
    ['Ваше отправление № 12345 ожидает в пункте выдачи', 'parcelLure'],
    ['Вам крупно повезло: подарочный сертификат ждёт', 'prizeLure'],
  ] as const)('%s raises %s', (text, lure) => {
    expect(luresOf(text)).toContain(lure);
  });

  it.each([
    'Your order has been shipped and will arrive on Monday',
    'Account balance 2 000 KZT',
    'Вход в приложение выполнен',
    'Никогда не называйте код из SMS',
    'Никому не сообщайте код, даже сотрудникам банка',
    'Фото паспорта отправила на почту',
    'I sent you the photos from the trip',
    'Thanks, the bill is paid',
    'Оплата 204 р, баланс 135142.81',
    'I made a large purchase today, new sofa!',
    'The bank is closed on Sunday, I will go on Monday',
    'Can you confirm the payment went through?',
    'Ups and downs, see you tomorrow',
    'Смотри видео с концерта, классно получилось',
    'I recognize the place in your photo!',
    'We limited your order to two items per customer',
  ])('raises no lure: %s', (text) => {
    expect(luresOf(text)).toEqual([]);
  });
});

describe('extractSmsFeatures: a refund to claim is a payout, not a prize', () => {
  it('raises fineDebtLure and no prizeLure', () => {
    const lures = luresOf(
      'HMRC: You have an outstanding tax refund of 276 GBP. Follow instructions to claim your tax refund',
    );
    expect(lures).toContain('fineDebtLure');
    expect(lures).not.toContain('prizeLure');
  });

  it('still raises prizeLure for a prize to claim', () => {
    expect(luresOf('You have been selected. Call now to claim your cash prize')).toContain('prizeLure');
  });
});

describe('extractSmsFeatures: a link after "://" whatever the scheme', () => {
  it.each([
    ['report online at ht{brake!}tps://rb.gy/epuu2p', ['rb.gy']],
    ['open hxxp://kaspi-bonus.top now', ['kaspi-bonus.top']],
  ])('%s', (text, domains) => {
    const result = extractSmsFeatures(text, UNKNOWN_NUMBER, config);
    expect(result.urlDomains).toEqual(domains);
    expect(result.hasUrl).toBe(true);
  });

  it('no link in a ratio or a time', () => {
    expect(extractSmsFeatures('Score 3:1, meet at 10:30', UNKNOWN_NUMBER, config).hasUrl).toBe(false);
  });
});

describe('extractSmsFeatures: modern English smishing shapes (sixth round, SmishX tuning texts)', () => {
  it.each([
    ['TD#ID17-Access-Locked. please follow the verification form', 'bankImpersonation'],
    ['TDBank: To Review Recent Activity Please Log In', 'bankImpersonation'],
    ['Please log in and verify your latest zelle payment', 'bankImpersonation'],
    ['Did you attempt a purchase of $849.99 at Walmart? Reply YES or NO', 'bankImpersonation'],
    ['You are eligible for a discounted energy bill under the support scheme', 'fineDebtLure'],
    ['HMRC: your rebate is ready', 'fineDebtLure'],
    ['We could not find the correct info provided for your item', 'parcelLure'],
    ['Your package arrives tomorrow. Confirm delivery and pay the fee here', 'parcelLure'],
    ['We can not arrange shipment to you for a lack of address', 'parcelLure'],
    ['We need a virtual data clerk with pay of $750 weekly', 'jobOfferLure'],
    ['We found your contact on Indeed, apply via the link', 'jobOfferLure'],
  ] as const)('%s raises %s', (text, lure) => {
    expect(luresOf(text)).toContain(lure);
  });

  it.each([
    'Shipped: Your Amazon package will be delivered Tue, May24. Track at http://a.co/4SJitSA',
    'Arriving Today: Your Amazon package will be delivered by 8PM',
    "Sorry, your Walmart delivery is delayed. It's now estimated to arrive Wed",
    'Your return request has been accepted; the item will be picked up on Saturday',
    'Thanks for your recent visit. Please share your feedback for a 10% discount',
    'I reviewed the recent photos, they look great',
    'Did you make it home ok?',
    'Thank you, customer, we limited items to two per order',
  ])('raises no lure: %s', (text) => {
    expect(luresOf(text)).toEqual([]);
  });

  it('reads the known shorteners and brands\u2019 short-link hosts as shorteners', () => {
    for (const link of [
      'https://qi.lv/DyW',
      'https://51.fi/aJzP',
      'http://a.co/4SJitSA',
      'https://w-mt.co/g/cY926E',
    ])
      expect(extractSmsFeatures(`Track: ${link}`, UNKNOWN_NUMBER, config).shortenerUrl).toBe(true);
  });
});

describe('extractSmsFeatures: second SmishX batch and general knowledge (sixth round)', () => {
  it.each([
    ['MTB Alert : New ACH payment added. visit the link to remove or proceed', 'bankImpersonation'],
    ['Unlook your account, use the link below', 'bankImpersonation'],
    ['Кто-то пытается войти в ваш личный кабинет', 'bankImpersonation'],
    ['Ваши средства заблокированы, срочно перезвоните', 'bankImpersonation'],
    ['Your CV has passed, please receive a salary of 2000 per day', 'jobOfferLure'],
    ["You'll be working remotely and be compensated with $600 weekly", 'jobOfferLure'],
    ['IRELAND GOV has issued a payment of 350 to all residents. Tap here to apply', 'fineDebtLure'],
    ["[GCASH Notice] You've got a PHP200.00, can redeem points", 'prizeLure'],
    ['Claim your free $500 Walmart gift card today', 'prizeLure'],
  ] as const)('%s raises %s', (text, lure) => {
    expect(luresOf(text)).toContain(lure);
  });

  it.each([
    "Mint Mobile: It's never too early to lock in more savings. Like right now.",
    'Средства зачислены на ваш счёт',
    'I got a $20 gift card for my birthday, lunch is on me',
    'Working remotely today, call me on my mobile',
    'Thanks, I paid 40 for the tickets',
  ])('raises no lure: %s', (text) => {
    expect(luresOf(text)).toEqual([]);
  });
});
