export const networksErrorCodes = {
  MALFORMED_OBSERVATION: 'MALFORMED_OBSERVATION',
  MALFORMED_STATE: 'MALFORMED_STATE',
  INVALID_NETWORKS_CONFIG: 'INVALID_NETWORKS_CONFIG',
} as const;
export type NetworksErrorCode = (typeof networksErrorCodes)[keyof typeof networksErrorCodes];

/** Input the networks stage cannot use: dead-lettered with the code and reason, never a crash. */
export class NetworksInputError extends Error {
  constructor(
    readonly code: NetworksErrorCode,
    reason: string,
  ) {
    super(reason);
    this.name = 'NetworksInputError';
  }
}

/** config/networks/*.yaml is not valid: names every problem, at boot. */
export class NetworksConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source}: ${problems.join('; ')}`);
    this.name = 'NetworksConfigError';
  }
}
