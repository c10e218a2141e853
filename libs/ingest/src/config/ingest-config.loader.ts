import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { compileBrandCatalogue } from '../features/brand-lookalike';
import { compileLexicons } from '../features/lexicons.compiler';
import { IngestConfigError } from '../ingest.errors';
import { compileNumberPlan } from '../number-plan/number-plan.compiler';
import { brandsFileSchema, lexiconsFileSchema, numberPlanFileSchema } from './ingest-config.schema';
import {
  INGEST_CONFIG_FILES,
  type ConfigSource,
  type IngestConfig,
  type IngestConfigSources,
} from './ingest-config.types';

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path.reduce<string>(
    (text, key) =>
      typeof key === 'number' ? `${text}[${key}]` : text === '' ? String(key) : `${text}.${String(key)}`,
    '',
  );
}

function parseDocument<S extends z.ZodType>(source: ConfigSource, schema: S, file: string): z.infer<S> {
  let doc: unknown = source;
  if (typeof source === 'string') {
    try {
      doc = parseYaml(source);
    } catch (error) {
      throw new IngestConfigError(file, [`(root): not valid YAML (${(error as Error).message})`]);
    }
  }
  const result = schema.safeParse(doc);
  if (!result.success) {
    throw new IngestConfigError(
      file,
      result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`),
    );
  }
  return result.data;
}

/**
 * Validates and compiles the ingest configuration from YAML text or objects. `files` names the documents in
 * errors (defaults to the file names). Throws IngestConfigError naming the file and the path of every problem.
 */
export function parseIngestConfig(
  sources: IngestConfigSources,
  files: { numberPlan: string; lexicons: string; brands: string } = INGEST_CONFIG_FILES,
): IngestConfig {
  const numberPlan = compileNumberPlan(
    parseDocument(sources.numberPlan, numberPlanFileSchema, files.numberPlan),
    files.numberPlan,
  );
  const lexicons = compileLexicons(
    parseDocument(sources.lexicons, lexiconsFileSchema, files.lexicons),
    numberPlan,
    files.lexicons,
  );
  const brands = compileBrandCatalogue(parseDocument(sources.brands, brandsFileSchema, files.brands));
  return { numberPlan, lexicons, brands };
}

/**
 * Reads `number-plan.yaml`, `lexicons.yaml` and `brands.yaml` from `dir` (once, at boot) and compiles them.
 * Throws IngestConfigError naming the file and the path of every problem.
 */
export function loadIngestConfig(dir: string): IngestConfig {
  const files = {
    numberPlan: join(dir, INGEST_CONFIG_FILES.numberPlan),
    lexicons: join(dir, INGEST_CONFIG_FILES.lexicons),
    brands: join(dir, INGEST_CONFIG_FILES.brands),
  };
  const read = (file: string): string => {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      throw new IngestConfigError(file, [`(root): cannot read (${(error as Error).message})`]);
    }
  };
  return parseIngestConfig(
    { numberPlan: read(files.numberPlan), lexicons: read(files.lexicons), brands: read(files.brands) },
    files,
  );
}
