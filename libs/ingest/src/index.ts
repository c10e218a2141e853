// Public surface of @vigil/ingest: the pure ingest domain (no NestJS, no kafkajs).
export * from './ingest.errors';
export * from './ingest.constants';

export type { IngestConfig, IngestConfigSources, ConfigSource } from './config/ingest-config.types';
export { INGEST_CONFIG_FILES } from './config/ingest-config.types';
export { loadIngestConfig, parseIngestConfig } from './config/ingest-config.loader';

export type { NumberPlan, Party } from './number-plan/party.types';
export {
  normalizeNumber,
  classifyParty,
  classifySender,
  isHomeNumber,
  isPremiumShortNumber,
} from './number-plan/number-plan';

export type { SmsFeatures, SenderClass } from './features/sms-features';
export { LURE_FEATURES, type LureFeature } from './features/lure-matcher';
export { extractSmsFeatures, extractSmsFeaturesForSender } from './features/sms-features';
export { isBrandLookalikeDomain } from './features/brand-lookalike';

export type {
  ValidRawEvent,
  ValidSmsEvent,
  ValidCallEvent,
  ValidPaymentEvent,
  RawEventValidation,
  ValidationOptions,
} from './validation/raw-event.types';
export { validateRawEvent } from './validation/raw-event.validator';

export type { EntityEventRecord, NormalizeOptions } from './normalize/entity-event.types';
export { toEntityEvents, msisdnEntity, senderEntity, cardEntity } from './normalize/entity-event.normalizer';

export { maskMsisdn } from './privacy/msisdn-mask';

export type { DuplicateFilterOptions } from './dedup/duplicate-filter';
export { DuplicateFilter } from './dedup/duplicate-filter';

export type { IngestProcessorOptions, IngestOutcome } from './ingest.processor';
export { IngestProcessor } from './ingest.processor';

export type { SourceProgressOptions, AlignmentChange } from './event-time/source-progress';
export { SourceProgress } from './event-time/source-progress';
