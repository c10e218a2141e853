import { foldForMatching, foldPattern, lowerVisible } from './text-folding';

describe('text folding', () => {
  it('makes Cyrillic and Latin look-alikes compare equal', () => {
    expect(foldForMatching(lowerVisible('Пpиз'))).toBe(foldForMatching('приз'));
    expect(foldForMatching(lowerVisible('KСЕLL'))).toBe('kcell');
  });

  it('folds Kazakh letters to the Russian letters they are typed as', () => {
    expect(foldForMatching('ұтыс')).toBe(foldForMatching('утыс'));
    expect(foldForMatching('құттықтаймыз')).toBe(foldForMatching('куттыктаймыз'));
  });

  it('drops invisible characters inserted to split words', () => {
    expect(lowerVisible('ви\u200bрус')).toBe('вирус');
    expect(foldForMatching('при\u00adз')).toBe(foldForMatching('приз'));
  });

  it('keeps escapes of patterns intact while folding their letters', () => {
    expect(foldPattern('голосов\\p{L}* \\Sообщ')).toBe(
      `${foldForMatching('голосов')}\\p{L}* \\S${foldForMatching('ообщ')}`,
    );
    expect(foldPattern('\\P{L}КОД')).toBe(`\\P{L}${foldForMatching('код')}`);
  });
});
