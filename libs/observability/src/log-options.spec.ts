import { Writable } from 'node:stream';
import pino from 'pino';
import { scrubCredentials, vigilLogOptions } from './log-options';

const SESSION_TOKEN = 'eyJzdWIiOiJhbmEifQ.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';
const API_KEY = 'vigil-demo-analyst-key-2026';

/** A logger with the services' options writing to a string, as pino-http binds a request to every line. */
function captureLogs(write: (logger: pino.Logger) => void): string {
  let output = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      output += chunk.toString('utf8');
      done();
    },
  });
  const { redact, formatters, level, serializers } = vigilLogOptions('svc', 'info');
  write(pino({ redact, formatters, level, serializers }, sink));
  return output;
}

describe(vigilLogOptions.name, () => {
  it('removes cookies, set-cookie, authorization and API keys from the request and response bound to a line', () => {
    const output = captureLogs((logger) =>
      logger
        .child({
          req: {
            method: 'POST',
            headers: {
              cookie: `vigil_session=${SESSION_TOKEN}`,
              authorization: `Bearer ${SESSION_TOKEN}`,
              'x-api-key': API_KEY,
              host: 'console',
            },
          },
          res: { headers: { 'set-cookie': [`vigil_session=${SESSION_TOKEN}; HttpOnly`] } },
        })
        .warn({ msg: 'sign-in refused' }),
    );
    expect(output).toContain('sign-in refused');
    expect(output).toContain('"host":"console"');
    expect(output).not.toContain(SESSION_TOKEN);
    expect(output).not.toContain(API_KEY);
  });

  it('removes credential fields logged by name and scrubs credentials written into messages', () => {
    const output = captureLogs((logger) => {
      logger.info({
        msg: 'signed in',
        token: SESSION_TOKEN,
        body: { apiKey: API_KEY, password: 'hunter2-hunter2' },
      });
      logger.error({ msg: 'request failed', error: new Error(`bad cookie vigil_session=${SESSION_TOKEN}`) });
    });
    expect(output).not.toContain(SESSION_TOKEN);
    expect(output).not.toContain(API_KEY);
    expect(output).not.toContain('hunter2');
  });

  it('masks phone numbers in every line, and in the request bound to it', () => {
    const output = captureLogs((logger) =>
      logger
        .child({
          req: { url: '/api/alerts?msisdn=77015550000&page=1', query: { msisdn: '+7 701 555 00 00' } },
        })
        .info({ msg: 'x', entity: 'msisdn:998901234' }),
    );
    expect(output).toContain('msisdn:***34');
    expect(output).toContain('"url":"/api/alerts?msisdn=***00&page=1"');
    expect(output).not.toMatch(/5550000|555 00 00/);
  });
});

describe(scrubCredentials.name, () => {
  it('keeps what names a credential and drops its value', () => {
    expect(scrubCredentials(`Cookie: vigil_session=${SESSION_TOKEN}; other=1`)).toBe(
      'Cookie: vigil_session=[redacted]; other=1',
    );
    expect(scrubCredentials(`Authorization: Bearer ${SESSION_TOKEN}`)).toBe(
      'Authorization: Bearer [redacted]',
    );
    expect(scrubCredentials(`x_api_key=${API_KEY}&a=1`)).toBe('x_api_key=[redacted]&a=1');
  });
});
