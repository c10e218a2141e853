import { join } from 'node:path';
import type { AlertV1 } from '@vigil/contracts';
import fc from 'fast-check';
import { advisoryRules, fixedClock, inArrivalOrder, runToEnd } from '../../test/entity-events';
import { scenarioArb } from '../../test/scenarios';
import { readRuleSources } from '../rules/rule-loader';
import { parseRuleSet } from '../rules/rule-parser';
import { RuleSet } from '../rules/rule-set';
import type { CompiledRule } from '../rules/rule.types';
import { CorrelationEngine } from './correlation-engine';

/** The repository's rules, each a new version with its windows tightened: a candidate's changed rules. */
function tightenedRules(): RuleSet {
  const sources = readRuleSources(join(__dirname, '..', '..', '..', '..', 'rules')).map((source) => ({
    ...source,
    content: source.content
      .replace(/^(\s*)version: \d+$/gm, '$1version: 99')
      .replace(/\b(within|window): (\d+)m\b/g, (_, key: string, minutes: string) => {
        return `${key}: ${Math.max(1, Math.round(Number(minutes) * 0.5))}m`;
      }),
  }));
  return parseRuleSet(sources);
}

/** Each alert's whole content, in a fixed order. */
const contents = (alerts: readonly AlertV1[]): string[] =>
  alerts.map((alert) => JSON.stringify(alert)).sort();

/** Per rule: left out, in one set, or in both; in the second set maybe as its changed version. */
const placementArb = fc.constantFrom('first', 'second', 'both', 'changed', 'first+changed', 'none');

describe(CorrelationEngine.sideBySide.name, () => {
  const rules = advisoryRules().rules;
  const changed = new Map(tightenedRules().rules.map((rule) => [rule.id, rule]));

  it('raises for each rule set exactly the alerts an engine of that set alone raises', () => {
    let alertsCompared = 0;
    fc.assert(
      fc.property(
        scenarioArb,
        fc.array(placementArb, { minLength: rules.length, maxLength: rules.length }),
        (scenario, placements) => {
          const first: CompiledRule[] = [];
          const second: CompiledRule[] = [];
          rules.forEach((rule, i) => {
            const placement = placements[i];
            if (placement === 'first' || placement === 'both' || placement === 'first+changed')
              first.push(rule);
            if (placement === 'second' || placement === 'both') second.push(rule);
            if (placement === 'changed' || placement === 'first+changed') second.push(changed.get(rule.id)!);
          });
          const sets = [new RuleSet(first), new RuleSet(second)];
          const events = inArrivalOrder(scenario);
          const engine = CorrelationEngine.sideBySide(sets, {}, fixedClock);
          const bySide: AlertV1[][] = [[], []];
          const collect = (output: ReturnType<CorrelationEngine['process']>): void => {
            output.alertsBySide?.forEach((alerts, side) => bySide[side].push(...alerts));
            expect(output.alerts).toEqual(output.alertsBySide?.[0] ?? []);
          };
          for (const event of events) collect(engine.process(event));
          collect(engine.advanceEventTime(drainedTo(engine)));
          sets.forEach((set, side) => {
            const alone = runToEnd(events, set).alerts;
            expect(contents(bySide[side])).toEqual(contents(alone));
            alertsCompared += alone.length;
          });
        },
      ),
      { numRuns: 150, seed: 24 },
    );
    expect(alertsCompared).toBeGreaterThan(100);
  });

  it('refuses two different rules under one key', () => {
    const [rule] = rules;
    const copy = { ...rule } as CompiledRule;
    expect(() => CorrelationEngine.sideBySide([new RuleSet([rule]), new RuleSet([copy])])).toThrow(
      /differs between the rule sets/,
    );
  });
});

/** Where the test kit's `drain` moves event time: far enough for every window to close. */
function drainedTo(engine: CorrelationEngine): number {
  return Math.max(engine.progress().maxEventTimeMs, fixedClock.now()) + 6 * 3_600_000;
}
