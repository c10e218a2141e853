/** Injection tokens of the networks app. */
export const NETWORKS_SETTINGS = Symbol('NETWORKS_SETTINGS');
export const PROPOSAL_TABLE = Symbol('PROPOSAL_TABLE');
/** The detection stage's consumer: its own group and fetch loop over the one-partition observations topic. */
export const DETECTION_TRANSPORT = Symbol('DETECTION_TRANSPORT');
/** The repartition step's per-subscriber contact memories, one per entity-events partition. */
export const CONTACT_STATES = Symbol('CONTACT_STATES');
/** The detection stage's state, one per observations partition. */
export const DETECTION_STATES = Symbol('DETECTION_STATES');
