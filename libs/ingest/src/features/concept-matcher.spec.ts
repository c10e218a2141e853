import { parse } from 'yaml';
import { IngestConfigError } from '../ingest.errors';
import { shippedIngestConfig } from '../testing/ingest-config.fixture';
import { compileConceptMatcher, matchConcepts } from './concept-matcher';
import { LURE_FEATURES } from './lure-features';
import { extractSmsFeatures } from './sms-features';

const config = shippedIngestConfig();
const UNKNOWN_NUMBER = '77759876543';

describe('concept rules over word stems', () => {
  const matcher = compileConceptMatcher(
    parse('{ account: { en: [card], ru: [карта] }, restriction: { en: [block], ru: [заблокировать] } }'),
    { bankImpersonation: [['account', 'restriction']] },
    'lexicons.yaml',
  );
  const bankImpersonation = LURE_FEATURES.indexOf('bankImpersonation');
  const holds = (text: string): boolean => {
    const found = LURE_FEATURES.map(() => false);
    matchConcepts(text.toLowerCase(), matcher, found);
    return found[bankImpersonation];
  };

  it('finds the concepts of a rule in any order and inflection within one sentence', () => {
    expect(holds('Вашу карту временно заблокировали.')).toBe(true);
    expect(holds('Заблокирована ваша банковская карта')).toBe(true);
    expect(holds('We have blocked your card')).toBe(true);
    expect(holds('Your card was blocked')).toBe(true);
  });

  it('remembers words by hash only: its cache holds no word of a text, and answers the same from it', () => {
    expect(holds('Карту временно заблокировали')).toBe(true);
    expect(JSON.stringify([...matcher.cache])).not.toMatch(/[а-я]/);
    expect(holds('Карту временно заблокировали')).toBe(true);
    expect(holds('Временно заблокировали')).toBe(false);
  });

  it('needs every concept of the rule in the same sentence', () => {
    expect(holds('Ваша карта готова. Номер заблокирован за неуплату')).toBe(false);
    expect(holds('Your card is ready')).toBe(false);
  });

  it('rejects a rule that names an unknown concept or a feature that is no lure', () => {
    expect(() => compileConceptMatcher({}, { bankImpersonation: [['account']] }, 'lexicons.yaml')).toThrow(
      IngestConfigError,
    );
    expect(() => compileConceptMatcher({ a: {} }, { notALure: [['a']] }, 'lexicons.yaml')).toThrow(
      /conceptRules.notALure/,
    );
  });
});

// Wording that none of the bankImpersonation lexicon entries spells out, found by the shipped concept rules;
// each with a benign twin that shares its words.
describe('shipped concept rules', () => {
  const raises = (
    text: string,
    feature: 'bankImpersonation' | 'mediaLure' | 'prizeLure' | 'fineDebtLure',
  ): boolean => extractSmsFeatures(text, UNKNOWN_NUMBER, config)[feature];

  it.each([
    'Уважаемый клиент! По вашей карте временно приостановлены все операции, позвоните по номеру 88001234567',
    'Доступ к вашему счёту ограничен, подтвердите личность по ссылке',
    'Зафиксирована сомнительная попытка входа в приложение банка',
    'Сіздің картаңыз уақытша бұғатталды, хабарласыңыз',
    'We blocked access to your online banking today, call us back',
    'An unrecognised payment attempt was stopped on your card',
    'Переведите все средства на резервный счёт, чтобы их сохранить',
    'A payment was made from your card, if it was not you please report it here',
  ])('bankImpersonation: %s', (text) => expect(raises(text, 'bankImpersonation')).toBe(true));

  it.each([
    'Покупка 1 200 р. Карта *1234. Доступно 5 000 р',
    'Your card has been dispatched and will arrive in 3 days',
    'Оплата по счёту прошла успешно',
    'Перевод 5000 тг на карту *1234 выполнен',
    'Payment of $20 from your card was successful',
  ])('benign twin raises no bankImpersonation: %s', (text) =>
    expect(raises(text, 'bankImpersonation')).toBe(false),
  );

  it('mediaLure: a photo of the reader put online', () => {
    expect(raises('Твои фотки выложили в интернет, глянь', 'mediaLure')).toBe(true);
    expect(raises('Someone posted a video of you, see the link', 'mediaLure')).toBe(true);
    expect(raises('Скину тебе фото вечером', 'mediaLure')).toBe(false);
  });

  it('prizeLure: won or awarded, and a claim', () => {
    expect(raises('Your mobile number was awarded a bonus, collect it today', 'prizeLure')).toBe(true);
    expect(raises('Who won yesterday? Call me back when you receive this', 'prizeLure')).toBe(false);
  });

  it('fineDebtLure: a fine or toll to pay, in any order', () => {
    expect(raises('Unpaid road toll on your vehicle, settle now to avoid fees', 'fineDebtLure')).toBe(true);
    expect(raises("I'm fine, thanks for asking", 'fineDebtLure')).toBe(false);
  });
});
