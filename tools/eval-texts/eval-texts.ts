/**
 * `npm run eval:texts`: runs SMS feature extraction over the real-text corpus (`test/fixtures/real-sms`) with the
 * repository's `config/ingest`, and prints per part and language the share of scam and benign texts raising a lure
 * and every feature's precision and recall. Ends with one line `TEXTEVAL {json}`.
 *
 * `--misses` lists the ids of mismatching texts of the tuning part only: the held-out part is never read to tune.
 * `--lure-misses` lists, for both parts, the ids of scam texts raising no lure with their failure class taken from
 * the labels alone (the lure families they are labelled with, or none): it shows which families fail without
 * printing any text.
 * `--tuning-only` runs and prints the tuning part alone: for work on lexicons, which must not see held-out rates.
 */
import { resolve } from 'node:path';
import { extractSmsFeatures, loadIngestConfig } from '@vigil/ingest';
import { CORPUS_LANGUAGES, CORPUS_PARTS, readCorpus } from './text-corpus';
import { SCORED_FEATURES, scoreGroup, type GroupScore, type ScoredText } from './text-scoring';

const ROOT = resolve(__dirname, '../..');
// A sender that fits no allow list: the corpus texts carry no sender of their own unless stated.
const DEFAULT_SENDER = '+77071234567';

const percent = (value: number | null): string =>
  value === null ? '   —' : `${Math.round(value * 100)}%`.padStart(4);
const rate = (value: number | null): string => (value === null ? '  — ' : value.toFixed(2));

function printGroup(title: string, group: GroupScore): void {
  console.log(
    `\n${title}: ${group.texts} texts (${group.scams} scam, ${group.benign} benign); ` +
      `scam with a lure ${percent(group.scamWithLure)} (labelled with one ${percent(group.scamWithLabelledLure)}), ` +
      `benign with a lure ${percent(group.benignWithLure)}`,
  );
  for (const feature of SCORED_FEATURES) {
    const score = group.features[feature];
    const positives = score.truePositives + score.falseNegatives;
    if (positives === 0 && score.falsePositives === 0) continue;
    console.log(
      `  ${feature.padEnd(22)} positives ${String(positives).padStart(3)}  precision ${rate(score.precision)}  recall ${rate(score.recall)}` +
        `  (tp ${score.truePositives}, fp ${score.falsePositives}, fn ${score.falseNegatives})`,
    );
  }
}

function main(): void {
  const config = loadIngestConfig(resolve(ROOT, 'config/ingest'));
  const corpus = readCorpus(resolve(ROOT, 'test/fixtures/real-sms'));
  const scored: ScoredText[] = corpus.map((text) => ({
    text,
    features: extractSmsFeatures(text.text, text.sender ?? DEFAULT_SENDER, config),
  }));
  const parts = process.argv.includes('--tuning-only') ? (['tuning'] as const) : CORPUS_PARTS;
  const result: Record<string, Record<string, GroupScore>> = {};
  for (const part of parts) {
    result[part] = {};
    const inPart = scored.filter((item) => item.text.part === part);
    for (const language of [...CORPUS_LANGUAGES, 'all'] as const) {
      const items = language === 'all' ? inPart : inPart.filter((item) => item.text.lang === language);
      const group = scoreGroup(items);
      result[part][language] = group;
      printGroup(`${part} / ${language}`, group);
    }
  }
  if (process.argv.includes('--misses')) {
    console.log(`\ntuning mismatches: ${result.tuning.all.mismatches.join(' ')}`);
  }
  if (process.argv.includes('--lure-misses')) {
    for (const part of parts) {
      for (const language of CORPUS_LANGUAGES) {
        const misses = result[part][language].scamsWithoutLure.map(
          ({ id, missedLures }) =>
            `${id} (${missedLures.length > 0 ? missedLures.join('+') : 'no lure family'})`,
        );
        console.log(`\nscams without a lure, ${part} / ${language}: ${misses.join(', ') || 'none'}`);
      }
    }
  }
  const summary = Object.fromEntries(
    Object.entries(result).map(([part, languages]) => [
      part,
      Object.fromEntries(
        Object.entries(languages).map(([language, group]) => [
          language,
          {
            texts: group.texts,
            scams: group.scams,
            benign: group.benign,
            scamWithLure: group.scamWithLure,
            benignWithLure: group.benignWithLure,
            scamWithLabelledLure: group.scamWithLabelledLure,
            features: Object.fromEntries(
              Object.entries(group.features)
                .filter(([, s]) => s.truePositives + s.falseNegatives + s.falsePositives > 0)
                .map(([feature, s]) => [
                  feature,
                  { positives: s.truePositives + s.falseNegatives, precision: s.precision, recall: s.recall },
                ]),
            ),
          },
        ]),
      ),
    ]),
  );
  console.log(`\nTEXTEVAL ${JSON.stringify(summary)}`);
}

main();
