import type { TextCatalogue } from './language';

/** Values scam texts are filled with. */
export interface ScamTextValues {
  /** Prize or goods named in the lure. */
  prize: string;
  /** Organisation the lure pretends to speak for. */
  organizer: string;
  /** Amount (KZT) asked for. */
  amount: number;
  /** Number the victim is told to pay or reply to. */
  number: string;
  /** Short number the victim is told to write to. */
  shortNumber: string;
  /** Payload to send to the short number. */
  payload: string;
  /** A full URL. */
  url: string;
}

/**
 * Prize lures with no link and no short number (advisory "Unauthorized access to your mobile balance" and
 * "False prize"): they must raise prizeLure and nothing else.
 */
export const PRIZE_LURE_TEXTS: TextCatalogue<ScamTextValues> = {
  ru: [
    (v) =>
      `Поздравляем! Ваш номер выиграл ${v.prize} в акции ${v.organizer}. Для регистрации пополните баланс и ждите SMS.`,
    (v) => `Вы стали победителем розыгрыша ${v.organizer}! Ваш приз: ${v.prize}. Оператор свяжется с вами.`,
    (v) =>
      `${v.organizer}: вы обладатель главного приза – ${v.prize}. Для получения пополните счет на ${v.amount} тг.`,
  ],
  en: [
    (v) =>
      `Congratulations! Your number won ${v.prize} in the ${v.organizer} promo. Top up your balance to register.`,
    (v) =>
      `You are the winner of the ${v.organizer} lottery! Your prize: ${v.prize}. Our manager will contact you.`,
    (v) =>
      `${v.organizer}: you have won ${v.prize}! To receive it, top up your phone with ${v.amount} tenge.`,
  ],
  kk: [
    (v) =>
      `Құттықтаймыз! Сіздің нөміріңіз ${v.organizer} ұтыс ойынында ${v.prize} ұтып алды. Балансты толтырыңыз.`,
    (v) => `Сіз ${v.organizer} акциясының жеңімпазысыз! Жүлдеңіз: ${v.prize}. Менеджер сізге хабарласады.`,
    (v) =>
      `${v.organizer}: сізге ${v.prize} сыйлық берілді! Алу үшін ${v.amount} теңгеге балансты толтырыңыз.`,
  ],
};

/** Prize lures asking for a fee to another number (advisory "False prize"). */
export const PRIZE_FEE_TEXTS: TextCatalogue<ScamTextValues> = {
  ru: [
    (v) =>
      `Поздравляем! Вы выиграли ${v.prize} от ${v.organizer}. Для доставки приза переведите ${v.amount} тг на номер +${v.number}.`,
    (v) =>
      `Вы победитель розыгрыша ${v.organizer}! Оплатите налог на приз ${v.amount} тенге переводом на +${v.number}.`,
  ],
  en: [
    (v) =>
      `Congratulations, you won ${v.prize} from ${v.organizer}! Pay the delivery fee of ${v.amount} tenge by transfer to +${v.number}.`,
    (v) =>
      `You are a lucky winner of the ${v.organizer} draw. Send ${v.amount} KZT tax to +${v.number} to claim the prize.`,
  ],
  kk: [
    (v) =>
      `Құттықтаймыз! Сіз ${v.organizer} ұтысында ${v.prize} ұтып алдыңыз. Жеткізу үшін +${v.number} нөміріне ${v.amount} теңге аударыңыз.`,
    (v) =>
      `Сіз ${v.organizer} жеңімпазысыз! Жүлде салығын ${v.amount} теңге +${v.number} нөміріне аударыңыз.`,
  ],
};

/** "You have received a voice message / MMS, send an SMS to XXXX" (advisory "SMS to the costive short number"). */
export const VOICE_MESSAGE_LURE_TEXTS: TextCatalogue<ScamTextValues> = {
  ru: [
    (v) =>
      `Вам пришло голосовое сообщение. Чтобы прослушать, отправьте SMS на номер ${v.shortNumber} с текстом ${v.payload}`,
    (v) => `Вам поступило ММС. Для просмотра отправьте SMS на номер ${v.shortNumber} с текстом ${v.payload}`,
  ],
  en: [
    (v) =>
      `You have received a voice message. To listen to it, send an SMS to number ${v.shortNumber} with the text ${v.payload}`,
    (v) => `You have a new MMS. To view it, send an SMS to ${v.shortNumber} with the text ${v.payload}`,
  ],
  kk: [
    (v) =>
      `Сізге дауыстық хабарлама келді. Тыңдау үшін ${v.shortNumber} нөміріне ${v.payload} мәтінімен SMS жіберіңіз`,
    (v) => `Сізге ММС келді. Көру үшін ${v.shortNumber} нөміріне ${v.payload} деп SMS жіберіңіз`,
  ],
};

/** "You are required to activate your number" (advisory "SMS to the costive short number"). */
export const ACTIVATION_LURE_TEXTS: TextCatalogue<ScamTextValues> = {
  ru: [
    (v) =>
      `Уважаемый абонент! Вам необходимо активировать номер. Отправьте SMS на номер ${v.shortNumber} с текстом ${v.payload}. Активация бесплатна.`,
  ],
  en: [
    (v) =>
      `Dear user! You are required to activate your number. Send an SMS to short num ${v.shortNumber} with the text ${v.payload}. Activation is free of charge.`,
  ],
  kk: [
    (v) =>
      `Құрметті абонент! Нөміріңізді белсендіру қажет. ${v.shortNumber} нөміріне ${v.payload} мәтінімен SMS жіберіңіз. Тегін.`,
  ],
};

/** Virus, blocked-device and expired-licence lures (advisory "Blocking viruses"). */
export const VIRUS_LURE_TEXTS: TextCatalogue<ScamTextValues> = {
  ru: [
    (v) =>
      `На вашем телефоне обнаружен вирус! Для удаления отправьте SMS на номер ${v.shortNumber} с текстом ${v.payload}`,
    (v) =>
      `Ваш телефон заблокирован за посещение запрещенных сайтов. Оплатите штраф: SMS на номер ${v.shortNumber} с текстом ${v.payload}`,
  ],
  en: [
    (v) =>
      `Virus is found in your phone. To eliminate it send a message to number ${v.shortNumber} with the text ${v.payload}`,
    (v) =>
      `Your device is blocked since you are using prohibited sites. Pay a penalty: send an SMS to ${v.shortNumber} with the text ${v.payload}`,
  ],
  kk: [
    (v) =>
      `Телефоныңызға вирус жұқты! Жою үшін ${v.shortNumber} нөміріне ${v.payload} мәтінімен SMS жіберіңіз`,
    (v) =>
      `Құрылғыңыз бұғатталды. Айыппұл төлеу үшін ${v.shortNumber} нөміріне ${v.payload} деп SMS жіберіңіз`,
  ],
};

/** Survey / prize pages on brand look-alike domains (advisory "Fishing website detected"). */
export const BRAND_PHISHING_TEXTS: TextCatalogue<ScamTextValues> = {
  ru: [
    (v) => `Kcell проводит опрос абонентов. Ответьте на 3 вопроса и получите ${v.prize}: ${v.url}`,
    (v) => `Ваш номер участвует в акции оператора. Подробности и получение бонуса: ${v.url}`,
  ],
  en: [
    (v) => `Kcell customer survey: answer 3 questions and get ${v.prize}! ${v.url}`,
    (v) => `Your operator bonus is waiting. Confirm your details at ${v.url}`,
  ],
  kk: [
    (v) => `Kcell абоненттерге сауалнама жүргізуде. Қатысып, ${v.prize} алыңыз: ${v.url}`,
    (v) => `Оператор бонусы сізді күтуде. Толығырақ: ${v.url}`,
  ],
};

/** Bulk malicious links with no lure words (advisory "SMS containing a malicious link"). */
export const SMISHING_TEXTS: TextCatalogue<ScamTextValues> = {
  ru: [
    (v) => `Ваш друг оставил комментарий к вашим фотографиям. Посмотреть: ${v.url}`,
    (v) => `Ваша посылка ожидает доставки. Уточните адрес: ${v.url}`,
  ],
  en: [
    (v) => `Your friend has left a comment on your photos. Follow this link to read it: ${v.url}`,
    (v) => `Your parcel is on hold. Update the delivery address: ${v.url}`,
  ],
  kk: [
    (v) => `Досыңыз суреттеріңізге пікір қалдырды. Оқу үшін: ${v.url}`,
    (v) => `Сәлемдемеңіз жеткізуді күтуде. Мекенжайды нақтылаңыз: ${v.url}`,
  ],
};

/** Offers of interception and tracking software (advisory "Software products of SMS interception"). */
export const SPYWARE_OFFER_TEXTS: TextCatalogue<ScamTextValues> = {
  ru: [
    () =>
      `Программа для чтения чужих SMS и прослушки звонков. Узнай, с кем переписывается твоя половинка! Пиши в ответ.`,
    () =>
      `Мобильный локатор: отслеживание местоположения любого номера без его ведома. Подключение за 5 минут.`,
    () => `Перехват переписки WhatsApp и SMS на любом телефоне. Пишите, вышлем инструкцию.`,
  ],
  en: [
    () => `Want to read her messages? Spy app to intercept SMS and calls on any phone. Reply for details.`,
    () => `Mobile locator: track his phone location in real time, he will never know. Reply YES.`,
  ],
  kk: [
    () => `Басқа адамның SMS хабарламаларын оқуға арналған бағдарлама. Толығырақ жауап жазыңыз.`,
    () => `Шпион бағдарлама: кез келген телефонның қоңырауларын тыңдау. Жауап жазыңыз.`,
  ],
};

/** The victim passing the confirmation code to the scammer by SMS. */
export const CODE_REPLY_TEXTS: TextCatalogue<{ code: string }> = {
  ru: [(v) => `${v.code}`, (v) => `Вот код ${v.code}`],
  en: [(v) => `${v.code}`, (v) => `the code is ${v.code}`],
  kk: [(v) => `${v.code}`, (v) => `Код ${v.code}`],
};
