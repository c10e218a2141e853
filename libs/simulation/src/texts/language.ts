import type { SeededRandom } from '../random';

/** Languages of simulated SMS text. */
export type Language = 'kk' | 'ru' | 'en';

export const LANGUAGES: readonly Language[] = ['kk', 'ru', 'en'];

/** Text variants per language; each renders with the scenario's values. */
export type TextCatalogue<P> = Readonly<Record<Language, ReadonlyArray<(values: P) => string>>>;

/** Renders one variant of a random language. */
export function renderText<P>(catalogue: TextCatalogue<P>, values: P, random: SeededRandom): string {
  const language = random.pick(LANGUAGES);
  return random.pick(catalogue[language])(values);
}

/** Every variant of every language, rendered: for tests that check features of the whole catalogue. */
export function renderAll<P>(catalogue: TextCatalogue<P>, values: P): string[] {
  return LANGUAGES.flatMap((language) => catalogue[language].map((variant) => variant(values)));
}
