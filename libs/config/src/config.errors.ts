/** Invalid environment at boot: names every offending variable at once so one restart fixes them all. */
export class ConfigError extends Error {
  readonly retriable = false;

  constructor(
    readonly serviceName: string,
    readonly problems: readonly string[],
  ) {
    super(`${serviceName}: invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}
