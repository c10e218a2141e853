import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { IngestConfigError } from '../ingest.errors';
import { INGEST_CONFIG_DIR } from '../testing/ingest-config.fixture';
import { loadIngestConfig, parseIngestConfig } from './ingest-config.loader';

const read = (file: string): string => readFileSync(join(INGEST_CONFIG_DIR, file), 'utf8');
const shipped = () => ({
  numberPlan: read('number-plan.yaml'),
  lexicons: read('lexicons.yaml'),
  brands: read('brands.yaml'),
});

function configError(run: () => unknown): IngestConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof IngestConfigError) return error;
    throw error;
  }
  throw new Error('expected an IngestConfigError');
}

describe('loadIngestConfig', () => {
  it('loads the shipped configuration with the Kazakhstan defaults', () => {
    const config = loadIngestConfig(INGEST_CONFIG_DIR);
    // The prefixes are a list an operator keeps (ported ranges change): carried over as the file has them.
    expect(config.numberPlan.homePrefixes).toEqual(
      (parse(read('number-plan.yaml')) as { homePrefixes: string[] }).homePrefixes,
    );
    expect(config.numberPlan.premiumShortNumber.test('7750')).toBe(true);
    expect(config.numberPlan.premiumShortNumber.test('7575')).toBe(false);
    expect([...config.numberPlan.allowListedSenderIds]).toEqual(
      expect.arrayContaining(['2000', 'kcell', 'activ', '9090', '3030']),
    );
    expect(config.brands.officialDomains).toEqual(expect.arrayContaining(['kcell.kz', 'activ.kz']));
  });

  it('names the file it cannot read', () => {
    const error = configError(() => loadIngestConfig('/nonexistent/ingest'));
    expect(error.file).toBe('/nonexistent/ingest/number-plan.yaml');
    expect(error.code).toBe('CONFIG_INVALID');
  });
});

describe('parseIngestConfig', () => {
  it('accepts parsed objects as well as YAML text', () => {
    const sources = shipped();
    const config = parseIngestConfig({
      numberPlan: parse(sources.numberPlan) as Record<string, unknown>,
      lexicons: parse(sources.lexicons) as Record<string, unknown>,
      brands: parse(sources.brands) as Record<string, unknown>,
    });
    expect(config.numberPlan.countryCode).toBe('7');
  });

  it('names the file and the path of a schema problem', () => {
    const numberPlan = parse(shipped().numberPlan) as Record<string, unknown>;
    numberPlan.homePrefixes = ['7701', 7702];
    const error = configError(() => parseIngestConfig({ ...shipped(), numberPlan }));
    expect(error.file).toBe('number-plan.yaml');
    expect(error.message).toContain('homePrefixes[1]');
  });

  it('names the lexicon entry whose regular expression does not compile', () => {
    const lexicons = parse(shipped().lexicons) as { lures: { prizeLure: { ru: string[] } } };
    lexicons.lures.prizeLure.ru[1] = 'приз(';
    const error = configError(() =>
      parseIngestConfig({ ...shipped(), lexicons: lexicons as unknown as Record<string, unknown> }),
    );
    expect(error.file).toBe('lexicons.yaml');
    expect(error.message).toContain('lures.prizeLure.ru[1]: invalid regular expression');
  });

  it('rejects an invalid premium short-number pattern and home prefixes outside the country code', () => {
    const numberPlan = parse(shipped().numberPlan) as Record<string, unknown>;
    numberPlan.premiumShortNumberPattern = '^(77[';
    expect(configError(() => parseIngestConfig({ ...shipped(), numberPlan })).message).toContain(
      'premiumShortNumberPattern',
    );
    numberPlan.premiumShortNumberPattern = '^7750$';
    numberPlan.homePrefixes = ['9989'];
    expect(configError(() => parseIngestConfig({ ...shipped(), numberPlan })).message).toContain(
      'homePrefixes[0]',
    );
  });

  it('reports YAML that does not parse, and unknown keys', () => {
    expect(configError(() => parseIngestConfig({ ...shipped(), brands: 'brands: [' })).message).toContain(
      'brands.yaml: (root): not valid YAML',
    );
    const brands = {
      brands: [{ name: 'kcell', distinctive: true, officialDomains: ['kcell.kz'], colour: 'purple' }],
    };
    expect(configError(() => parseIngestConfig({ ...shipped(), brands })).message).toContain('brands[0]');
  });
});
