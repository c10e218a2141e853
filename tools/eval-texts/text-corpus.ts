import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Languages of the real-text corpus. */
export const CORPUS_LANGUAGES = ['en', 'ru', 'kk'] as const;
export type CorpusLanguage = (typeof CORPUS_LANGUAGES)[number];

/** The two parts of the corpus; a source belongs wholly to one of them. */
export const CORPUS_PARTS = ['tuning', 'heldout'] as const;
export type CorpusPart = (typeof CORPUS_PARTS)[number];

/** One labelled text of `test/fixtures/real-sms/corpus.jsonl` (see LABELLING.md there). */
export interface CorpusText {
  readonly id: string;
  readonly source: string;
  readonly part: CorpusPart;
  readonly lang: CorpusLanguage;
  readonly label: 'scam' | 'benign';
  readonly sender?: string;
  readonly text: string;
  /** Boolean features the text must raise; all others must stay false. */
  readonly expect: readonly string[];
}

interface SourceEntry {
  readonly part: CorpusPart;
  readonly citation: string;
}

/** Reads the corpus and joins every text with its source's part. Throws on a text whose source is not listed. */
export function readCorpus(dir: string): CorpusText[] {
  const sources = JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8')) as Record<string, SourceEntry>;
  return readFileSync(join(dir, 'corpus.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const entry = JSON.parse(line) as Omit<CorpusText, 'part'>;
      const source = sources[entry.source];
      if (source === undefined) throw new Error(`${entry.id}: source ${entry.source} is not in sources.json`);
      return { ...entry, part: source.part };
    });
}
