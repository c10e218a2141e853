import type { TextCatalogue } from './language';

/** Everyday messages between relatives and friends: no lure, no code, no link. */
export const CHAT_TEXTS: TextCatalogue<Record<string, never>> = {
  ru: [
    () => `Привет, я буду дома через 20 минут, купи хлеба пожалуйста`,
    () => `Мама, позвони когда освободишься`,
    () => `Ок, встретимся у входа`,
    () => `Ты где? Мы уже на месте`,
    () => `Спасибо большое! Завтра верну`,
    () => `Заберешь детей из школы сегодня?`,
    () => `Как доехал? Напиши`,
    () => `Ужин на плите, разогрей`,
  ],
  en: [
    () => `See you at 7, the table is booked under my name`,
    () => `Running late, be there in 15`,
    () => `Can you pick up the kids today?`,
    () => `Thanks a lot, talk tomorrow`,
    () => `Did you get home ok?`,
    () => `Dinner is in the fridge`,
  ],
  kk: [
    () => `Сәлем! Кешке қоңырау шаламын, жұмыстан кейін кездесейік`,
    () => `Апа, үйге қашан келесіз?`,
    () => `Жарайды, кіреберісте кездесейік`,
    () => `Рахмет! Ертең қайтарамын`,
    () => `Балаларды мектептен алып келесің бе?`,
    () => `Үйге жеттің бе? Жаз`,
  ],
};

/** Friends sharing ordinary links (no brand look-alike). */
export const LINK_SHARE_TEXTS: TextCatalogue<{ url: string }> = {
  ru: [(v) => `Смотри, что нашла: ${v.url}`, (v) => `Вот адрес: ${v.url}`],
  en: [(v) => `Look at this: ${v.url}`, (v) => `Here is the place: ${v.url}`],
  kk: [(v) => `Мынаны қара: ${v.url}`],
};

/** Ordinary URLs friends share. */
export const SHARED_URLS: readonly string[] = [
  'https://youtu.be/dQw4w9WgXcQ',
  'https://2gis.kz/almaty/firm/70000001',
  'https://krisha.kz/a/show/681234',
  'https://kolesa.kz/a/show/1523',
  'https://www.instagram.com/p/C8xYz',
  'https://olx.kz/d/obyavlenie/velosiped',
];

/** Friendly messages with a near-miss of spyware wording (reading someone's message, tracking a parcel). */
export const SPYWARE_NEAR_MISS_TEXTS: TextCatalogue<Record<string, never>> = {
  ru: [() => `Ты прочитал мое сообщение? Ответь, когда сможешь`, () => `Отследила посылку, завтра привезут`],
  en: [
    () => `Did you read my message? Call me when you can`,
    () => `I tracked the parcel, it arrives tomorrow`,
  ],
  kk: [() => `Хабарламамды оқыдың ба? Уақытың болғанда жауап жаз`],
};

/** What a premium-SMS malware or a TV vote sends to short numbers. */
export const SHORT_NUMBER_PAYLOADS: readonly string[] = [
  '1',
  'YES',
  'START',
  'PLAY',
  'GO 24',
  'A',
  'OK',
  'VOTE 3',
];
