import type { TextCatalogue } from './language';

/** Confirmation codes from service senders (banks, e-government, the operator's wallet). */
export const OTP_TEXTS: TextCatalogue<{ code: string }> = {
  ru: [
    (v) => `Код подтверждения: ${v.code}. Никому не сообщайте его.`,
    (v) => `Ваш одноразовый пароль ${v.code}. Не сообщайте его никому, даже сотрудникам банка.`,
  ],
  en: [
    (v) => `Your verification code is ${v.code}. Do not share it with anyone.`,
    (v) => `${v.code} is your one-time password. Never tell it to anyone.`,
  ],
  kk: [
    (v) => `Растау коды: ${v.code}. Ешкімге айтпаңыз.`,
    (v) => `Бір реттік кодыңыз: ${v.code}. Оны ешкімге хабарламаңыз.`,
  ],
};

/** Senders of legitimate confirmation codes: alphanumeric ids and the operator (service senders to ingest). */
export const OTP_SENDERS: readonly string[] = ['Kaspi', 'Halyk', 'eGov', 'Kcell', 'HomeBank', 'Jusan'];

/** Genuine voice-mail notices from the official sender 2000. */
export const VOICEMAIL_NOTICE_TEXTS: TextCatalogue<Record<string, never>> = {
  ru: [() => `Вам поступило голосовое сообщение. Чтобы прослушать, позвоните на номер 2000.`],
  en: [() => `You have a new voice message. Call 2000 to listen to it.`],
  kk: [() => `Сізге дауыстық хабарлама келді. Тыңдау үшін 2000 нөміріне қоңырау шалыңыз.`],
};

/** Official promotions from the operator, with official domains (prize words included on purpose). */
export const OFFICIAL_PROMO_TEXTS: TextCatalogue<Record<string, never>> = {
  ru: [
    () => `Kcell: участвуйте в розыгрыше призов среди абонентов! Подробности на kcell.kz/promo`,
    () => `Kcell: +5 ГБ в подарок при пополнении от 3000 тг. Условия: kcell.kz`,
  ],
  en: [
    () => `Kcell: join the subscriber prize draw! Details at https://www.kcell.kz/promo`,
    () => `Kcell: get 5 GB free when you top up 3000 tenge or more. Terms: kcell.kz`,
  ],
  kk: [
    () => `Kcell: абоненттер арасындағы ұтыс ойынына қатысыңыз! Толығырақ: kcell.kz/promo`,
    () => `Kcell: 3000 теңгеден толтырғанда 5 ГБ сыйлық. Шарттары: kcell.kz`,
  ],
};

/** Official service notices that use lure words legitimately (activation, virus, interception warnings). */
export const OFFICIAL_ACTIVATION_TEXTS: TextCatalogue<Record<string, never>> = {
  ru: [() => `Kcell: услуга «Интернет+» активирована. Управление услугами: my.kcell.kz`],
  en: [() => `Kcell: your Internet+ service has been activated. Manage services at my.kcell.kz`],
  kk: [() => `Kcell: «Интернет+» қызметі белсендірілді. Толығырақ: kcell.kz`],
};

export const OFFICIAL_VIRUS_WARNING_TEXTS: TextCatalogue<Record<string, never>> = {
  ru: [
    () =>
      `Kcell предупреждает: SMS о вирусе на телефоне с просьбой написать на короткий номер — мошенничество. Вопросы: 9090`,
  ],
  en: [
    () =>
      `Kcell warns: messages saying a virus was found on your phone are fraud. Do not reply. Questions: call 9090`,
  ],
  kk: [
    () =>
      `Kcell ескертеді: телефонға вирус жұқты деген SMS – алаяқтық. Сұрақтар бойынша 9090 нөміріне қоңырау шалыңыз`,
  ],
};

export const OFFICIAL_SPYWARE_WARNING_TEXTS: TextCatalogue<Record<string, never>> = {
  ru: [() => `Kcell: предложения программ для перехвата чужих SMS — мошенничество. Не устанавливайте их.`],
  en: [() => `Kcell: offers of apps that intercept other people's SMS are a scam. Never install them.`],
  kk: [() => `Kcell: басқа біреудің SMS хабарламаларын оқу бағдарламалары – алаяқтық. Оларды орнатпаңыз.`],
};

/** Allow-listed shops' mailings, with their own domains. */
export const SHOP_SENDERS: ReadonlyArray<{ sender: string; domain: string }> = [
  { sender: 'Magnum', domain: 'magnum.kz' },
  { sender: 'Sulpak', domain: 'sulpak.kz' },
  { sender: 'Technodom', domain: 'technodom.kz' },
];

export const SHOP_PROMO_TEXTS: TextCatalogue<{ domain: string }> = {
  ru: [
    (v) => `Скидки до 50% на технику только до воскресенья! Каталог: https://${v.domain}/sale`,
    (v) => `Новая коллекция уже в магазинах. Смотрите на ${v.domain}`,
  ],
  en: [(v) => `Weekend sale: up to 50% off. Catalogue: https://www.${v.domain}/sale`],
  kk: [(v) => `Демалыс күндері 50% дейін жеңілдік! Каталог: ${v.domain}/sale`],
};

/** Mailings of small businesses that are not allow-listed: a link, no lure. */
export const SMALL_BUSINESS_TEXTS: TextCatalogue<{ domain: string }> = {
  ru: [(v) => `Приглашаем на открытие нашего кафе в субботу! Меню: ${v.domain}/menu`],
  en: [(v) => `Our new fitness studio opens on Saturday. Schedule: https://${v.domain}`],
  kk: [(v) => `Сенбі күні жаңа дүкеніміз ашылады. Мекенжайы: ${v.domain}`],
};

/** Mailings of small businesses with no link at all. */
export const NOTICE_WITHOUT_LINK_TEXTS: TextCatalogue<Record<string, never>> = {
  ru: [() => `Уважаемые жильцы! Собрание ОСИ состоится в четверг в 19:00 во дворе.`],
  en: [() => `Dear residents, the building meeting is on Thursday at 7 pm in the yard.`],
  kk: [() => `Құрметті тұрғындар! Жиналыс бейсенбі күні сағат 19:00-де аулада өтеді.`],
};
