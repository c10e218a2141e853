import { shippedIngestConfig } from '../testing/ingest-config.fixture';
import { LURE_FEATURES, type LureFeature } from './lure-matcher';
import { extractSmsFeatures } from './sms-features';

const config = shippedIngestConfig();
const UNKNOWN_NUMBER = '77759876543';

/** The lure features a text raises, in LURE_FEATURES order. */
function luresOf(text: string): LureFeature[] {
  const features = extractSmsFeatures(text, UNKNOWN_NUMBER, config);
  return LURE_FEATURES.filter((lure) => features[lure]);
}

// Each family: texts that must raise exactly its feature (kk, ru, en, and a spelling trick), then benign twins
// that share its words and must raise nothing.
const FAMILIES: ReadonlyArray<{ feature: LureFeature; scams: string[]; twins: string[] }> = [
  {
    feature: 'codeRequest',
    scams: [
      'Сізге SMS келді, кодты айтыңызшы, тексеремін',
      'Назовите, пожалуйста, код из SMS для подтверждения записи',
      'Продиктуйте мне код, который сейчас пришёл',
      'Hi, I sent you a code by mistake, can you tell me the code?',
      'Please forward the sms code to this number',
    ],
    twins: [
      'Код подтверждения никому не сообщайте, даже сотрудникам банка',
      'Never tell anyone the code from an SMS',
      'Кодты ешкімге хабарламаңыз',
      'Никому не сообщайте код из SMS',
      'Do not share the code with anyone',
      'Кодты айтпаңыз',
    ],
  },
  {
    feature: 'moneyRequest',
    scams: [
      'Мама, у меня проблемы, кинь 2000 тенге на этот номер, потом объясню',
      'Мам, пополни мне счёт срочно, телефон сел',
      'Апа, маған ақша жібере салшы, кейін түсіндіремін',
      'Hi mum, I lost my phone, send me some money to this number please',
      'Верните деньги, я отправил по ошибке 5000',
    ],
    twins: [
      'Мама, я дома, ужин на плите',
      'Спасибо, деньги получила, завтра верну',
      'I will send you the money for the tickets tomorrow',
      'Рахмет, ақшаны алдым',
    ],
  },
  {
    feature: 'bankImpersonation',
    scams: [
      'Служба безопасности банка: ваша карта заблокирована, позвоните по номеру 87001234567',
      'Зафиксирована подозрительная операция по вашему счету. Для отмены перезвоните',
      'Картаңыз бұғатталды. Қауіпсіздік қызметіне хабарласыңыз',
      'Your card has been suspended due to suspicious activity. Call us now',
      'Ваш аккаунт взломан, срочно подтвердите данные',
      'Для сохранности переведите деньги на безопасный счёт',
    ],
    twins: [
      'Покупка 2 500 тг, Magnum. Доступно 15 000 тг',
      'Your card payment of 12.50 at the cafe was approved',
      'Карта бойынша төлем 3000 теңге',
      'Открыла депозитный счёт, проценты хорошие',
    ],
  },
  {
    feature: 'fineDebtLure',
    scams: [
      'У вас неоплаченный штраф ПДД. Оплатите до конца дня',
      'Сізде айыппұл бар, төлеңіз',
      'Задолженность по налогу 12 400 тг. Во избежание пени оплатите',
      'You have an unpaid toll. Pay the fine today to avoid a penalty',
    ],
    twins: ['Я в порядке, всё хорошо', 'Everything is fine, see you tomorrow', 'Fine, I will come at 6'],
  },
  {
    feature: 'parcelLure',
    scams: [
      'Ваша посылка задержана на таможне, оплатите пошлину',
      'Сәлемдемеңіз бөлімшеде жатыр, мекенжайды нақтылаңыз',
      'Курьер не смог доставить заказ, уточните адрес',
      'We tried to deliver your parcel today, please confirm your address',
    ],
    twins: ['Я дома, приходи', 'Thanks for the lovely dinner', 'Ертең кездесейік'],
  },
  {
    feature: 'loanLure',
    scams: [
      'Вам одобрен кредит до 3 000 000 тг без справок',
      'Сізге несие мақұлданды, тез рәсімдеңіз',
      'Loan of 500000 pre-approved for you, apply today',
    ],
    twins: ['Пришли фото с праздника', 'Can you pick up the kids today?', 'Сәлем, қалайсың?'],
  },
  {
    feature: 'premiumBaitLure',
    scams: [
      'Someone you know has a crush on you! Find out who, call 09058094565',
      'You have a SECRET ADMIRER. To reveal who, text LOVE to 89555',
      'Кто-то тайно в тебя влюблён! Узнай, кто это: отправь SMS на 7733',
      'Біреу сізді іздеп жүр, кім екенін білу үшін 5050 нөміріне SMS жіберіңіз',
      'Помогите Маше на лечение: отправьте SMS на номер 7715, стоимость 50 тг',
      'Please send an SMS to number 7575 to donate for her surgery',
    ],
    twins: [
      'Sorry I missed your call, call me back later',
      'Мама сказала, что кто-то звонил вечером',
      'Thanks for your message, her recovery is going well',
      'Ертең ота жасалады, хабарлама жазамын',
    ],
  },
  {
    feature: 'subscriptionLure',
    scams: [
      'На ваш номер подключена платная подписка «Кино+», 49 руб/день. Для отключения позвоните 88001234567',
      'Вам оформлена подписка, списание 299 руб. Для отмены подписки перейдите по ссылке',
      'You have been subscribed to Ringtone Club at 4.50/week. To cancel your subscription call 08001234567',
      'Your Netflix membership has been renewed for 89.99. To cancel this renewal visit the link',
      'Сізге ақылы қызмет қосылды. Бас тарту үшін 1234 нөміріне қоңырау шалыңыз',
    ],
    twins: [
      'Подписка на журнал закончилась, оформлю новую в понедельник',
      'I cancelled my gym membership yesterday',
      'Txt STOP to 80062 to opt out of texts',
      'Жазылымға рахмет',
    ],
  },
  {
    feature: 'numberServiceLure',
    scams: [
      'Уважаемый абонент! Срок действия вашей SIM-карты истекает, продлите договор по ссылке',
      'Ваш номер будет заблокирован через 24 часа, обновите данные',
      'Срок действия договора с оператором связи истекает завтра',
      'Your SIM card will be deactivated today. Re-register your SIM at the link',
      'Сіздің нөміріңіз бұғатталады, деректерді жаңартыңыз',
      'SIM-картаңыздың мерзімі аяқталады',
    ],
    twins: [
      'Запиши мой номер, старый больше не работает',
      'What is your phone number?',
      'Менің нөмірім өзгерді',
      'Новый тариф мне нравится',
    ],
  },
  {
    feature: 'socialLinkLure',
    scams: [
      'Привет! Проголосуй за мою дочку в конкурсе, пожалуйста: vote-kids.top',
      'Поддержите голосом моего племянника в конкурсе рисунков',
      'Досыма дауыс беріңізші, байқауға қатысып жатыр',
      'Please vote for my daughter in the dance contest, link below',
      'Someone tagged you in a post, see it here: fb-view.top',
    ],
    twins: [
      'Завтра выборы, не забудь сходить',
      'Дауысың әдемі екен',
      'The vote is tomorrow at the meeting',
      'I tagged the photos from Saturday',
    ],
  },
  {
    feature: 'jobOfferLure',
    scams: [
      'Удалённая работа, доход от 15 000 руб. в день. Пишите в WhatsApp',
      'Подработка на 2 часа, оплата 5000 тг в день',
      'Қашықтан жұмыс! Күніне 20000 теңге табыс',
      'Part-time job: earn 300$ per day from your phone. We are hiring now',
      'Work from home and earn up to 500 a day',
    ],
    twins: [
      'Я на работе до шести',
      'Job interview went well, tell you later',
      'Жұмыстан кешігемін',
      'Worked late today, home by nine',
    ],
  },
];

describe('extractSmsFeatures: scam families without a lure before', () => {
  describe.each(FAMILIES)('$feature', ({ feature, scams, twins }) => {
    it.each(scams)(`raises ${feature}: %s`, (text) => {
      expect(luresOf(text)).toContain(feature);
    });

    it.each(twins)('raises no lure on the benign twin: %s', (text) => {
      expect(luresOf(text)).toEqual([]);
    });
  });

  it('reads digits and symbols written for letters and words spelled letter by letter', () => {
    expect(luresOf('You have W0N a Rs.2,00,000 pr1ze')).toContain('prizeLure');
    expect(luresOf('Вы в ы и г р а л и автомобиль')).toContain('prizeLure');
    expect(luresOf('Your card has been BL0CKED')).toContain('bankImpersonation');
  });

  it('reads bank and security-service impersonation in wording beyond the lexicons', () => {
    expect(luresOf('На ваше имя оформлена доверенность, если это не вы, позвоните')).toContain(
      'bankImpersonation',
    );
    expect(luresOf('Ваши сбережения под угрозой, переведите их на безопасный счёт')).toContain(
      'bankImpersonation',
    );
    expect(luresOf('A new payee has been added to your account')).toContain('bankImpersonation');
    expect(luresOf('Шотыңызда белгісіз әрекет жасалды')).toContain('bankImpersonation');
    expect(luresOf('Прокуратура: по вашему счёту возбуждено уголовное дело')).toContain('bankImpersonation');
    expect(luresOf('Hold on, my card is in the car')).toEqual([]);
    expect(luresOf('Открыла вклад, заявка одобрена')).toEqual([]);
  });

  it('keeps inflected Russian and Kazakh forms', () => {
    expect(luresOf('Вашей посылке требуется доплата')).toContain('parcelLure');
    expect(luresOf('Посылки на ваше имя ожидают оплаты')).toContain('parcelLure');
    expect(luresOf('Сіз жүлдені ұтып алдыңыз')).toContain('prizeLure');
  });
});

describe('extractSmsFeatures: short numbers', () => {
  it.each([
    ['Call 0871-872-9758 now', []],
    ['Позвоните по номеру 8 701 123 45 67', []],
    ['Отправьте SMS на номер 7750 с текстом 1234', ['7750']],
    ['Text WIN to 80086 now', ['80086']],
  ])('reads %j as naming %j', (text, expected) => {
    expect(extractSmsFeatures(text, UNKNOWN_NUMBER, config).referencedShortNumbers).toEqual(expected);
  });
});
