import { SerialTicker } from './serial-ticker';

describe(SerialTicker.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('skips a tick that falls due while the previous one still runs', async () => {
    let release: () => void = () => undefined;
    let started = 0;
    const ticker = new SerialTicker({ warn: jest.fn() }, 'test', () => {
      started += 1;
      return new Promise<void>((resolve) => (release = resolve));
    });
    ticker.start(100);

    await jest.advanceTimersByTimeAsync(350);
    expect(started).toBe(1);
    release();
    await jest.advanceTimersByTimeAsync(100);
    expect(started).toBe(2);
    ticker.stop();
  });

  it('logs a failed tick and runs the next one', async () => {
    const warn = jest.fn();
    let calls = 0;
    const ticker = new SerialTicker({ warn }, 'watermark', async () => {
      calls += 1;
      if (calls === 1) throw new Error('broker away');
    });
    ticker.start(100);

    await jest.advanceTimersByTimeAsync(200);
    ticker.stop();
    await jest.advanceTimersByTimeAsync(500);

    expect(calls).toBe(2);
    expect(warn).toHaveBeenCalledWith({
      msg: 'watermark tick failed; retried on the next tick',
      error: 'broker away',
    });
  });
});
