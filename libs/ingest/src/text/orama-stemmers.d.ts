// @orama/stemmers publishes its types only through package "exports", which the repository's "node" module
// resolution does not read; these declarations name the two entry points ingest loads.
declare module '@orama/stemmers/russian' {
  export function stemmer(word: string): string;
}
declare module '@orama/stemmers/english' {
  export function stemmer(word: string): string;
}
