import { shippedIngestConfig } from '../testing/ingest-config.fixture';
import { extractSmsFeatures, type SmsFeatures } from './sms-features';

const config = shippedIngestConfig();
const features = (text: string, sender: string): SmsFeatures => extractSmsFeatures(text, sender, config);

const LURES = ['prizeLure', 'voiceMessageLure', 'activationLure', 'virusLure', 'spywareOffer'] as const;
type Lure = (typeof LURES)[number];

/** Asserts exactly the given lures are set. */
function expectLures(result: SmsFeatures, expected: readonly Lure[]): void {
  for (const lure of LURES)
    expect({ lure, value: result[lure] }).toEqual({ lure, value: expected.includes(lure) });
}

describe('extractSmsFeatures: scams from the operator advisory', () => {
  describe('prize lure ("you have won a prize ... top up ... tell the code")', () => {
    it.each([
      [
        'ru',
        'Поздравляем! Вы выиграли iPhone 15 в розыгрыше радио. Для получения приза пополните баланс на 5000 тг',
      ],
      [
        'kk',
        'Құттықтаймыз! Сіз ұтыс ойынында көлік ұтып алдыңыз. Жүлдені алу үшін балансты 5000 теңгеге толтырыңыз',
      ],
      [
        'en',
        'Congratulations! You have won a car in the radio lottery. Top up your balance by 5000 tenge to claim the prize',
      ],
    ])('flags the %s prize message from an unknown number', (_language, text) => {
      const result = features(text, '77759876543');
      expectLures(result, ['prizeLure']);
      expect(result).toMatchObject({
        otpCode: false,
        hasUrl: false,
        senderClass: 'msisdn',
        officialSender: false,
      });
    });
  });

  describe('"voice message" to a premium short number from a non-official sender', () => {
    it.each([
      [
        'ru',
        'Вам пришло голосовое сообщение. Чтобы прослушать, отправьте SMS на номер 7750 с текстом 1234',
        '7750',
      ],
      ['kk', 'Сізге дауыстық хабар келді. Тыңдау үшін 7790 нөміріне 1234 деп SMS жіберіңіз', '7790'],
      [
        'en',
        'You have received a voice message. To listen to it, send an SMS to number 8444 with the code 1234',
        '8444',
      ],
      [
        'en',
        'You have received an MMS. To look through it send an SMS to number 9193 with the code 5678',
        '9193',
      ],
    ])('flags the %s lure naming %s, without mistaking its code for an OTP', (_language, text, number) => {
      const result = features(text, '7575');
      expectLures(result, ['voiceMessageLure']);
      expect(result.referencedShortNumbers).toEqual([number]);
      expect(result).toMatchObject({
        otpCode: false,
        officialSender: false,
        senderClass: 'short_number',
        serviceSender: true,
      });
    });
  });

  describe('activation lure', () => {
    it.each([
      [
        'en',
        'Dear user! You are required to activate your number. For this purpose send an SMS to short num 4161 with the text 5555. Activation is free of charge',
        '4161',
      ],
      [
        'ru',
        'Уважаемый абонент! Вам необходимо активировать номер. Для этого отправьте SMS на короткий номер 3350 с текстом 5555. Активация бесплатна',
        '3350',
      ],
      [
        'kk',
        'Құрметті абонент! Нөміріңізді белсендіру қажет. 3352 нөміріне 5555 мәтінімен SMS жіберіңіз. Белсендіру тегін',
        '3352',
      ],
    ])('flags the %s activation message naming %s', (_language, text, number) => {
      const result = features(text, 'INFO');
      expectLures(result, ['activationLure']);
      expect(result.referencedShortNumbers).toEqual([number]);
      expect(result).toMatchObject({ otpCode: false, senderClass: 'alphanumeric', serviceSender: true });
    });
  });

  describe('device blocked / virus', () => {
    it.each([
      [
        'en',
        'Virus is found in your phone. To eliminate it send a message to number 4444 with the text 77',
        '4444',
      ],
      [
        'en',
        'Your device is blocked since you are using the prohibited sites, you are requested to pay a penalty. SMS to 9194',
        '9194',
      ],
      [
        'ru',
        'Ваш телефон заблокирован за посещение запрещённых сайтов. Для разблокировки отправьте SMS на номер 4446',
        '4446',
      ],
      [
        'ru',
        'Лицензия вашей операционной системы истекла, для продления отправьте сообщение на номер 9682',
        '9682',
      ],
      ['kk', 'Телефоныңызда вирус табылды! Жою үшін 4449 нөміріне SMS жіберіңіз', '4449'],
    ])('flags the %s message naming %s', (_language, text, number) => {
      const result = features(text, '77021112233');
      expectLures(result, ['virusLure']);
      expect(result.referencedShortNumbers).toEqual([number]);
    });
  });

  describe('spyware offer', () => {
    it.each([
      ['ru', 'Программа чтобы прочитать чужие SMS и перехват звонков! Мобильный локатор всего 990 тг'],
      ['en', 'Program to read his SMS and intercept calls on her phone. Mobile locator, phone controller!'],
      ['kk', 'Басқа біреудің смс хабарламаларын оқу бағдарламасы! Шпион қосымшасы арзан'],
    ])('flags the %s offer', (_language, text) => {
      expectLures(features(text, 'SpyApp'), ['spywareOffer']);
    });
  });

  describe('phishing link', () => {
    it.each([
      ['hxxps://kcell-bonus[.]kz/win', 'kcell-bonus.kz', true],
      ['http://kce11.top/prize', 'kce11.top', true],
      ['www.kcell-promo(.)xyz', 'kcell-promo.xyz', true],
      ['kcell-bonus . kz/anketa', 'kcell-bonus.kz', true],
      ['my-кcell.kz', 'my-кcell.kz', true],
      ['kcell.kz.prize-win.top', 'kcell.kz.prize-win.top', true],
      ['activ-bonus.kz', 'activ-bonus.kz', true],
      ['beeIine-gift.com', 'beeiine-gift.com', true],
      ['www.photo-view.xyz', 'photo-view.xyz', false],
      ['hxxp://bit.ly/3xYz', 'bit.ly', false],
    ])('finds %s as %s (brand look-alike: %s)', (url, domain, lookalike) => {
      const result = features(
        `Kcell: вы выиграли приз! Заберите по ссылке ${url} до конца дня`,
        'KcelI-Info',
      );
      expect(result.hasUrl).toBe(true);
      expect(result.urlDomains).toEqual([domain]);
      expect(result.brandLookalikeDomain).toBe(lookalike);
      expect(result.officialSender).toBe(false);
    });

    it('finds the link of the advisory\'s "comment on your photos" message', () => {
      const result = features(
        'Your friend has left a comment on your photos on www.fotki-comment.ru. Follow this link www.fotki-comment.ru/read to read it.',
        '77017778899',
      );
      expect(result).toMatchObject({
        hasUrl: true,
        urlDomains: ['fotki-comment.ru'],
        brandLookalikeDomain: false,
      });
    });

    it('keeps at most 8 domains', () => {
      const text = Array.from({ length: 12 }, (_, i) => `site${i}.kz`).join(' ');
      expect(features(text, 'INFO').urlDomains).toHaveLength(8);
    });
  });

  it('sees through homoglyphs, mixed scripts and invisible characters', () => {
    // Latin "p" and "o" inside Russian words, a zero-width space inside "вирус".
    expectLures(features('Bы выигpали пpиз! Ha вашем телефоне ви\u200bрус', '7575'), [
      'prizeLure',
      'virusLure',
    ]);
    // Kazakh typed on a Russian layout (к for қ, у for ұ).
    expectLures(features('Куттыктаймыз! Сиз утыс ойынында жулде уттыныз', '7575'), ['prizeLure']);
    expectLures(features('ВЫ ВЫИГРАЛИ ПРИЗ', '7575'), ['prizeLure']);
  });
});

describe('extractSmsFeatures: benign twins', () => {
  it.each([
    ['ru', 'Ваш код подтверждения: 482193. Никому не сообщайте его', 'KaspiBank'],
    ['kk', 'Растау коды: 4821. Ешкімге айтпаңыз', 'Kcell'],
    ['en', 'Your verification code is 739104. Do not share it with anyone.', 'Google'],
    ['en', '5531 is your one-time password for login', '1414'],
  ])('sees the %s OTP from a service sender as a code, with no lure', (_language, text, sender) => {
    const result = features(text, sender);
    expect(result).toMatchObject({
      otpCode: true,
      serviceSender: true,
      hasUrl: false,
      referencedShortNumbers: [],
    });
    expectLures(result, []);
  });

  it('sees a voice-mail notice from 2000 as official', () => {
    const result = features(
      'Вам поступило голосовое сообщение от 77011234567. Прослушать: позвоните 2000',
      '2000',
    );
    expectLures(result, ['voiceMessageLure']);
    expect(result).toMatchObject({
      officialSender: true,
      senderClass: 'official',
      serviceSender: true,
      otpCode: false,
    });
  });

  it.each([
    ['ru', 'Kcell: участвуйте в розыгрыше призов! Подробности на kcell.kz/promo'],
    ['kk', 'Kcell: ұтыс ойынына қатысыңыз! Толығырақ: www.kcell.kz/kz/promo'],
    ['en', 'Kcell: join our prize draw! Details at https://shop.kcell.kz/prize'],
  ])(
    'sees the %s official promotion with an official domain as official and not a look-alike',
    (_language, text) => {
      const result = features(text, 'Kcell');
      expect(result).toMatchObject({
        officialSender: true,
        hasUrl: true,
        brandLookalikeDomain: false,
        prizeLure: true,
      });
      expect(result.urlDomains[0]).toMatch(/kcell\.kz$/);
    },
  );

  it.each([
    'Привет, я буду дома через 20 минут, купи хлеба пожалуйста. Код от домофона 1234 не забудь',
    'See you at 7. The table is booked for 4 people. Bring 5000 tenge',
    'Сәлем! Кешке қоңырау шаламын, т.е. жұмыстан кейін. Г.Алматы, ул. Абая 10',
    'Встречаемся на 2025 год вперёд, переведи 1500 тг',
    'Write to info@kcell.kz about the activity of the interactive hotel',
  ])('finds no lure, link or short number in chat: %s', (text) => {
    const result = features(text, '77011234567');
    expectLures(result, []);
    expect(result).toMatchObject({
      hasUrl: false,
      urlDomains: [],
      referencedShortNumbers: [],
      brandLookalikeDomain: false,
    });
  });

  it('does not call ordinary words containing a brand a look-alike', () => {
    const result = features('Visit interactive-activity.com and hotel-saltel.ru', 'Magnum');
    expect(result.urlDomains).toEqual(['interactive-activity.com', 'hotel-saltel.ru']);
    expect(result.brandLookalikeDomain).toBe(false);
    expect(result.officialSender).toBe(true);
  });

  it('computes no text feature when the text is absent', () => {
    const absent = extractSmsFeatures(undefined, '77011234567', config);
    const { senderClass, officialSender, serviceSender, ...textFeatures } = absent;
    expect({ senderClass, officialSender, serviceSender }).toEqual({
      senderClass: 'msisdn',
      officialSender: false,
      serviceSender: false,
    });
    const raised = Object.entries(textFeatures).filter(
      ([, value]) => value !== false && !(Array.isArray(value) && value.length === 0),
    );
    expect(raised).toEqual([]);
    // Every feature a text yields is answered, so a rule never reads a missing one.
    expect(Object.keys(absent).sort()).toEqual(Object.keys(features('ok', '77011234567')).sort());
  });
});
