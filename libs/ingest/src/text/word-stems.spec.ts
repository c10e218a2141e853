import { cyrillicSpelling, englishStem, kazakhStem, russianStem } from './word-stems';

describe('word stems', () => {
  it('gives every inflection of a Russian word one Snowball stem', () => {
    const forms = ['заблокирована', 'заблокировали', 'заблокирован', 'заблокировать'];
    expect(new Set(forms.map(russianStem))).toEqual(new Set(['заблокирова']));
    expect(new Set(['операция', 'операции', 'операцию'].map(russianStem)).size).toBe(1);
  });

  it('gives English inflections one Snowball stem', () => {
    expect(['blocked', 'blocking', 'blocks', 'block'].map(englishStem)).toEqual(Array(4).fill('block'));
  });

  it('strips Kazakh suffixes down to the root the dictionary form has, in both spellings', () => {
    expect(kazakhStem('бұғатталды')).toBe(kazakhStem('бұғаттау'));
    expect(kazakhStem('сыйлықтарыңыз')).toBe(kazakhStem('сыйлық'));
    expect(kazakhStem('шотыңыз')).toBe('шот');
    // Typed on a Russian layout (қ as к, ұ as у): the same root.
    expect(kazakhStem('сыйлыктарыныз')).toBe(kazakhStem('сыйлықтарыңыз'));
  });

  it('keeps a short root whole instead of reading its last letters as a suffix', () => {
    expect(kazakhStem('карта')).toBe('карта');
    expect(kazakhStem('картаңыз')).toBe('карта');
  });

  it('reads Latin look-alike letters inside a Cyrillic word as Cyrillic', () => {
    expect(cyrillicSpelling('кaрта')).toBe('карта');
    expect(russianStem(cyrillicSpelling('заблoкирoвана'))).toBe('заблокирова');
  });
});
