import { confirmedInAnyOrder, ev, ids, runToEnd, summary, type Scheduled } from '../../test/entity-events';
import { parseRuleSet } from '../rules/rule-parser';

const RELATIVE = '77479990001';

const call = (id: string, minute: number, durationSec = 120, answered = true): Scheduled =>
  ev(id, 'call_in', minute, { counterparty: RELATIVE, counterpartyClass: 'domestic', answered, durationSec });
const transfer = (id: string, minute: number): Scheduled =>
  ev(id, 'transfer_out', minute, { counterparty: RELATIVE, counterpartyClass: 'domestic', amount: 20_000 });

const CONFIRMED = 'relative_in_trouble/confirmed/high';

/** The alerts of relative_in_trouble alone (the warning-only repeat-call rule is not what this spec is about). */
function confirmedOf(scenario: Scheduled[]): string[] {
  return summary(confirmedInAnyOrder(scenario, scenario.length * 31));
}

describe('a window anchored on the latest repeat (relative_in_trouble: `repeats` on the call)', () => {
  it('matches a transfer minutes after the last of four calls spread over 40 minutes', () => {
    const scenario = [
      call('c1', 0),
      call('c2', 12),
      call('c3', 25, 60, false),
      call('c4', 40),
      transfer('x1', 46),
    ];
    expect(confirmedOf(scenario)).toEqual([CONFIRMED]);
  });

  it('benign twin: the same calls, the transfer 35 minutes after the last one', () => {
    const scenario = [
      call('c1', 0),
      call('c2', 12),
      call('c3', 25, 60, false),
      call('c4', 40),
      transfer('x1', 78),
    ];
    expect(confirmedOf(scenario)).toEqual([]);
  });

  it('still bounds the whole scam by the rule window (120 min from the first call)', () => {
    const calls = [0, 25, 50, 75, 100, 120].map((minute, i) => call(`c${i}`, minute));
    expect(confirmedOf([...calls, transfer('x1', 125)])).toEqual([]);
    expect(confirmedOf([...calls.slice(0, 5), transfer('x1', 110)])).toEqual([CONFIRMED]);
  });

  it('completes when the last call record arrives after the transfer, with the id of an in-order run', () => {
    // c2's record arrives at its end (minute 38), after the transfer at minute 36: only c2 puts the transfer in time.
    const scenario = [call('c1', 0), call('c2', 32, 360), transfer('x1', 36)];
    const lastCallLate = runToEnd([scenario[0].event, scenario[2].event, scenario[1].event]);
    const inOrder = runToEnd(scenario.map((s) => s.event));
    expect(summary(lastCallLate.alerts.filter((a) => a.stage === 'confirmed'))).toEqual([CONFIRMED]);
    expect(ids(lastCallLate.alerts)).toEqual(ids(inOrder.alerts));
  });

  it('does not anchor on calls with another number', () => {
    const other = ev('o1', 'call_in', 30, {
      counterparty: '77479990002',
      counterpartyClass: 'domestic',
      answered: true,
      durationSec: 60,
    });
    expect(confirmedOf([call('c1', 0), other, transfer('x1', 40)])).toEqual([]);
  });

  it('rejects repeats on a step that nothing follows', () => {
    expect(() =>
      parseRuleSet([
        {
          path: 'x.yaml',
          content: `
id: x
version: 1
typology: relative_in_trouble
severity: high
description: d
explanation: e
sequence:
  - { name: call, match: { kind: call_in } }
  - { name: transfer, within: 30m, match: { kind: transfer_out }, repeats: { kind: transfer_out } }
`,
        },
      ]),
    ).toThrow(/sequence\[1\]\.repeats: only a step followed by a positive step may repeat/);
  });
});
