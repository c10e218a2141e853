import type { TimedEvent } from '../time/timed-event';
import { compileExplanation, type ExplanationValues } from './explanation-template';

const STEPS = ['lure', 'code', 'loss'];
const event = (fields: Partial<TimedEvent>): TimedEvent => ({ ...fields }) as TimedEvent;
const values = (events: (TimedEvent | undefined)[]): ExplanationValues => ({
  entity: 'msisdn:77021234567',
  counterparties: ['77479990001'],
  events,
  count: events.filter(Boolean).length,
  window: '100m',
});
const TEXT =
  '{entity} got a code from {steps.code.counterparty}[, then {steps.loss.kind} at {steps.loss.occurredAt}|; ' +
  'the code has not been shared yet].';

describe(compileExplanation.name, () => {
  const code = event({ counterparty: 'kaspi', occurredAt: '2026-03-01T10:04:00Z' });
  const loss = event({ kind: 'transfer_out', occurredAt: '2026-03-01T10:06:00Z' });

  it('says what is still missing when a grouped step has not matched yet', () => {
    const { template, problems } = compileExplanation(TEXT, STEPS, ['loss']);
    expect(problems).toEqual([]);
    expect(template.render(values([event({}), code, undefined]))).toBe(
      'msisdn:77021234567 got a code from kaspi; the code has not been shared yet.',
    );
  });

  it('quotes the grouped step once it has matched', () => {
    const { template } = compileExplanation(TEXT, STEPS, ['loss']);
    expect(template.render(values([event({}), code, loss]))).toBe(
      'msisdn:77021234567 got a code from kaspi, then transfer_out at 2026-03-01T10:06:00Z.',
    );
  });

  it('rejects a step that may not have matched when it is quoted outside a group', () => {
    const { problems } = compileExplanation('then {steps.loss.kind} at {steps.loss.occurredAt}.', STEPS, [
      'loss',
    ]);
    expect(problems).toEqual([expect.stringContaining('step "loss" may not have matched')]);
  });

  it('rejects a group whose missing-words side quotes a step that may not have matched', () => {
    const { problems } = compileExplanation('[then {steps.loss.kind}|not yet {steps.loss.kind}]', STEPS, [
      'loss',
    ]);
    expect(problems).toEqual([expect.stringContaining('otherwise side')]);
  });

  it('still reports unknown placeholders, inside groups too', () => {
    const { problems } = compileExplanation('{nope} [{steps.nothing.kind}|missing]', STEPS);
    expect(problems).toEqual(['unknown placeholder {nope}', 'unknown placeholder {steps.nothing.kind}']);
  });

  it('leaves brackets without a "|" as text', () => {
    const { template, problems } = compileExplanation('[{count}] events', STEPS);
    expect(problems).toEqual([]);
    expect(template.render(values([code]))).toBe('[1] events');
  });
});
