// Public surface of @vigil/networks: the second correlation stage (scam callers, senders, mules, campaigns). Pure:
// no NestJS, Kafka or ClickHouse; the networks service persists and transports what it produces.
export type { NetworkDetectionOptions, ContactMemoryOptions, FindingThreshold } from './networks.options';
export { networksErrorCodes, NetworksInputError, NetworksConfigError } from './networks.errors';
export type {
  NetworkObservation,
  LureObservation,
  TransferObservation,
} from './observations/observation.types';
export { evidenceIdOf } from './observations/observation.types';
export { numberEntityOf } from './observations/number-entity';
export { lureObservationOf } from './observations/alert-observation';
export { encodeObservation, decodeObservation } from './observations/observation.codec';
export { ContactMemory, type ContactChange } from './contacts/contact-memory';
export {
  NetworkStage,
  type ObservationOutcome,
  type StageOutput,
  type TrackChange,
} from './detection/network-stage';
export {
  groupCampaigns,
  campaignIdOf,
  findingIdOf,
  type CampaignMember,
} from './detection/campaign-grouping';
export {
  type ProposalLedger,
  type ProposalRecord,
  ProposalTable,
  shouldPropose,
} from './proposals/proposal-ledger';
export {
  type NetworksConfig,
  NETWORKS_CONFIG_FILES,
  parseNetworksConfig,
  loadNetworksConfig,
} from './config/networks-config.loader';
