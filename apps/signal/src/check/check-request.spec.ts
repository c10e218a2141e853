import { CamaraError } from '../http/camara-error';
import { parseCheckRequest } from './check-request';

const INJECTIONS = [
  "+7701'; DROP TABLE scam_signal_checks; --",
  '<script>alert(1)</script>',
  '${jndi:ldap://x/a}',
  '+77011234567\n+77019999999',
  '{{7*7}}',
  '+7701123456789012345',
  '77011234567',
  '+7 701 123 45 67',
  '',
];

function refusal(body: unknown): CamaraError {
  try {
    parseCheckRequest(body);
  } catch (error) {
    if (error instanceof CamaraError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe(parseCheckRequest.name, () => {
  it('accepts an E.164 number with or without a payment context', () => {
    expect(parseCheckRequest({ phoneNumber: '+77011234567' })).toEqual({ phoneNumber: '+77011234567' });
    const context = { transactionId: 'tx-1', amount: 25_000, currency: 'KZT', payee: 'acct-4411' };
    expect(parseCheckRequest({ phoneNumber: '+77011234567', context })).toEqual({
      phoneNumber: '+77011234567',
      context,
    });
  });

  it('accepts a payee that is a phone number in E.164, with its +', () => {
    const context = { transactionId: 'tx-1', amount: 1, currency: 'KZT', payee: '+77471234567' };
    expect(parseCheckRequest({ phoneNumber: '+77011234567', context }).context?.payee).toBe('+77471234567');
    expect(
      refusal({ phoneNumber: '+77011234567', context: { ...context, payee: '++7747' } }).message,
    ).toContain('context.payee');
  });

  it.each(INJECTIONS)('refuses %j as INVALID_ARGUMENT without echoing it', (phoneNumber) => {
    const error = refusal({ phoneNumber });
    expect(error.body()).toEqual({
      status: 400,
      code: 'INVALID_ARGUMENT',
      message: 'Client specified an invalid argument, request body or query param: phoneNumber.',
    });
  });

  it.each([
    ['transactionId', { transactionId: "1' OR '1'='1", amount: 1, currency: 'KZT' }],
    ['payee', { transactionId: 'tx', amount: 1, currency: 'KZT', payee: '<img src=x onerror=alert(1)>' }],
    ['amount', { transactionId: 'tx', amount: -5, currency: 'KZT' }],
    ['currency', { transactionId: 'tx', amount: 5, currency: 'kzt; rm -rf /' }],
  ])('names context.%s at fault, never its value', (field, context) => {
    const error = refusal({ phoneNumber: '+77011234567', context });
    expect(error.message).toContain(`context.${field}`);
    expect(error.message).not.toMatch(/OR|img|rm -rf|-5/);
  });

  it('refuses unknown properties, a body that is not an object, and a missing number', () => {
    expect(refusal({ phoneNumber: '+77011234567', counterparty: '+77471234567' }).message).toContain(
      'unknown property',
    );
    expect(refusal({ phoneNumber: '+77011234567', counterparty: '+77471234567' }).message).not.toContain(
      '7747',
    );
    expect(refusal(['+77011234567']).code).toBe('INVALID_ARGUMENT');
    expect(refusal(null).code).toBe('INVALID_ARGUMENT');
    expect(refusal({}).message).toContain('phoneNumber');
  });
});
