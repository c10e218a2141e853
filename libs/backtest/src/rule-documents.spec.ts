import { readRuleSources } from '@vigil/correlation';
import { assertBacktestable, overlayRuleDocuments, splitRuleDocuments } from './rule-documents';

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
