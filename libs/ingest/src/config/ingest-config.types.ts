import type { BrandCatalogue } from '../features/brand-lookalike';
import type { CompiledLexicons } from '../features/lexicons.compiler';
import type { NumberPlan } from '../number-plan/party.types';

/** The ingest configuration, validated and compiled (regexes built once) from `config/ingest/*.yaml`. */
export interface IngestConfig {
  readonly numberPlan: NumberPlan;
  readonly lexicons: CompiledLexicons;
  readonly brands: BrandCatalogue;
}

/** A configuration document as YAML text or as an already parsed object. */
export type ConfigSource = string | Record<string, unknown>;

/** The three configuration documents, as YAML text or objects (for tests). */
export interface IngestConfigSources {
  readonly numberPlan: ConfigSource;
  readonly lexicons: ConfigSource;
  readonly brands: ConfigSource;
}

/** File names inside the configuration folder. */
export const INGEST_CONFIG_FILES = {
  numberPlan: 'number-plan.yaml',
  lexicons: 'lexicons.yaml',
  brands: 'brands.yaml',
} as const;
