import { z } from 'zod';

/**
 * How a service runs, from `VIGIL_ENV`. Production unless development is asked for by name: a service started
 * without it (or with a misspelt value, which is refused) never falls back to published development secrets.
 */
export const DEPLOYMENT_MODES = ['development', 'production'] as const;
export type DeploymentMode = (typeof DEPLOYMENT_MODES)[number];

export const deploymentModeField = z
  .enum(DEPLOYMENT_MODES, { message: 'development or production (unset: production)' })
  .default('production');

/** The variable that selects the mode. */
export const DEPLOYMENT_MODE_VARIABLE = 'VIGIL_ENV';
