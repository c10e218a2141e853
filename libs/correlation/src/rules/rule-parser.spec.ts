import { readRuleSources } from './rule-loader';
import { parseRuleSet } from './rule-parser';
import { join } from 'node:path';

const VALID = `
id: prize_code_theft
version: 1
typology: prize_code_theft
severity: critical
description: d
explanation: '{entity} lost money to {steps.lure.counterparty}'
sequence:
  - name: lure
    match: { kind: call_in, firstContact: true }
  - name: topup
    within: 60m
    match: { kind: topup }
  - name: loss
    within: 10m
    match: { kind: transfer_out, counterparty: $lure.counterparty }
`;

function problemsOf(content: string, path = 'rules/prize-code-theft.yaml'): string[] {
  try {
    parseRuleSet([{ path, content }]);
  } catch (error) {
    return (error as { problems: string[] }).problems;
  }
  return [];
}

describe(parseRuleSet.name, () => {
  it('parses a valid rule and indexes it by event kind', () => {
    const rules = parseRuleSet([{ path: 'rules/prize-code-theft.yaml', content: VALID }]);
    expect(rules.versions()).toEqual([{ id: 'prize_code_theft', version: 1 }]);
    expect(rules.stepsByKind.get('topup')).toHaveLength(1);
  });

  it('names the file, the rule and the path of an invalid duration', () => {
    const problems = problemsOf(VALID.replace('within: 10m', 'within: soon'));
    expect(problems).toEqual([
      'rules/prize-code-theft.yaml: rule prize_code_theft: sequence[2].within: expected a duration like "30m"',
    ]);
  });

  it('throws a non-retriable INVALID_RULE error', () => {
    expect(() =>
      parseRuleSet([{ path: 'r.yaml', content: VALID.replace('version: 1', 'version: 0') }]),
    ).toThrow(expect.objectContaining({ code: 'INVALID_RULE', retriable: false }));
  });

  it('rejects a variable naming a later step', () => {
    const problems = problemsOf(
      VALID.replace('counterparty: $lure.counterparty', 'counterparty: $later.counterparty'),
    );
    expect(problems).toEqual([
      'rules/prize-code-theft.yaml: rule prize_code_theft: sequence[2].match.counterparty: "$later.counterparty" does not name an earlier step',
    ]);
  });

  it('rejects unknown keys, typologies and placeholders with their paths', () => {
    const problems = problemsOf(
      VALID.replace('typology: prize_code_theft', 'typology: fraud').replace(
        'kind: topup',
        'kind: topup, colour: red',
      ),
    );
    expect(
      problems.some((p) => p.startsWith('rules/prize-code-theft.yaml: rule prize_code_theft: typology:')),
    ).toBe(true);
    expect(problems.some((p) => p.includes('sequence[1].match: Unrecognized key: "colour"'))).toBe(true);
    expect(problemsOf(VALID.replace('{entity}', '{victim}'))).toEqual([
      'rules/prize-code-theft.yaml: rule prize_code_theft: explanation: unknown placeholder {victim}',
    ]);
  });

  it('rejects an early warning after an unknown step and a misplaced absence', () => {
    const problems = problemsOf(
      `${VALID}actions:\n  early_warning: { after: nowhere, notify: never-share-code }\n`.replace(
        'match: { kind: topup }',
        'absent: { kind: topup }',
      ),
    );
    expect(problems).toEqual([
      'rules/prize-code-theft.yaml: rule prize_code_theft: sequence[1].absent: only the last step, after a positive one, may be absent',
      'rules/prize-code-theft.yaml: rule prize_code_theft: actions.early_warning.after: "nowhere" is not a required step of this rule',
    ]);
  });

  it('labels rules without an id by position and reports YAML syntax errors', () => {
    expect(problemsOf('- version: 1\n', 'rules/x.yaml')[0]).toMatch(/^rules\/x\.yaml: rule #1: id: /);
    expect(problemsOf('id: [unclosed', 'rules/x.yaml')[0]).toMatch(/^rules\/x\.yaml: not valid YAML/);
  });

  it('rejects the same rule id in two files', () => {
    expect(() =>
      parseRuleSet([
        { path: 'a.yaml', content: VALID },
        { path: 'b.yaml', content: VALID },
      ]),
    ).toThrow('b.yaml: rule prize_code_theft: id: already defined in a.yaml');
  });

  it('loads the repository rule set covering all ten typologies', () => {
    const rules = parseRuleSet(readRuleSources(join(__dirname, '..', '..', '..', '..', 'rules')));
    expect(new Set(rules.rules.map((r) => r.typology)).size).toBe(10);
  });
});
