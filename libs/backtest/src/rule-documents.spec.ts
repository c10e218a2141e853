import { CorrelationEngine, readRuleSources } from '@vigil/correlation';
import {
  assertBacktestable,
  comparedRuleSets,
  overlayRuleDocuments,
  splitRuleDocuments,
  type RuleDocument,
} from './rule-documents';
import { PartitionReplay } from './partition-replay';

describe(assertBacktestable.name, () => {
  const rules = splitRuleDocuments(readRuleSources('rules'));

  it('accepts the repository rules: they compare counterparties only with each other and short numbers', () => {
    expect(() => assertBacktestable(rules)).not.toThrow();
  });

  it('refuses a rule comparing a counterparty with a literal phone number, naming rule and field', () => {
    const spyware = rules.find((rule) => rule.ruleId === 'spyware_offer')!;
    const literal = spyware.yaml.replace(
      'kind: sms_in',
      'kind: sms_in\n  counterpartyIn: ["+7 701 123 45 67"]',
    );
    const [candidate] = splitRuleDocuments([{ path: 'spy.yaml', content: literal }]);
    expect(() => assertBacktestable(overlayRuleDocuments(rules, [candidate]))).toThrow(
      /spyware_offer: counterpartyIn/,
    );
  });
});

describe(comparedRuleSets.name, () => {
  const rules = splitRuleDocuments(readRuleSources('rules'));
  const withPrize = (version: number, within: string): RuleDocument[] =>
    rules.map((rule) =>
      rule.ruleId !== 'false_prize_payment_sms'
        ? rule
        : {
            ...rule,
            version,
            yaml: rule.yaml
              .replace('within: 60m', `within: ${within}`)
              .replace(/^version: \d+$/m, `version: ${version}`),
          },
    );

  it('shares the compiled rule of a document the same on both sides, and only that', () => {
    const candidate = withPrize(99, '20m');
    const sets = comparedRuleSets(candidate, rules);
    const baselineOf = new Map(sets.baseline.rules.map((rule) => [rule.id, rule]));
    for (const rule of sets.candidate.rules) {
      if (rule.id === 'false_prize_payment_sms') {
        expect(rule).not.toBe(baselineOf.get(rule.id));
        expect(rule.key).toBe('false_prize_payment_sms@99');
      } else {
        expect(rule).toBe(baselineOf.get(rule.id));
      }
    }
    expect(sets.candidate.rules.map((rule) => rule.id)).toEqual(candidate.map((rule) => rule.ruleId));
  });

  it('keeps apart a rule edited without a new version (one key, two rules): such sets replay in two engines', () => {
    const version = rules.find((rule) => rule.ruleId === 'false_prize_payment_sms')!.version;
    const sets = comparedRuleSets(withPrize(version, '20m'), rules);
    const candidateRule = sets.candidate.get(`false_prize_payment_sms@${version}`);
    expect(candidateRule).toBeDefined();
    expect(candidateRule).not.toBe(sets.baseline.get(`false_prize_payment_sms@${version}`));
    expect(() => CorrelationEngine.sideBySide([sets.candidate, sets.baseline])).toThrow(/differs/);
    expect(() => new PartitionReplay(sets.candidate, sets.baseline, {}, 0)).not.toThrow();
  });
});
