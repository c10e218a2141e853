import type { Features } from '@vigil/contracts';

/** Shared by every kept event without features: most calls, top-ups and transfers carry none. */
const NO_FEATURES: Features = Object.freeze({});

/** The features an event keeps while it waits: its own object, or the shared empty one when it has none. */
export function keptFeatures(features: Features): Features {
  for (const _name in features) return features;
  return NO_FEATURES;
}
