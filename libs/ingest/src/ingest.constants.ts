/** How far an event time may lie ahead of the ingest clock before the record is rejected. */
export const DEFAULT_MAX_CLOCK_SKEW_MS = 300_000; // 5 min

/** How long a source eventId is remembered to drop repeats. */
export const DEFAULT_DUPLICATE_WINDOW_MS = 600_000; // 10 min

/** Upper bound on remembered eventIds per topic (about 100 bytes each: ~50 MiB at the bound). */
export const DEFAULT_DUPLICATE_MAX_ENTRIES = 500_000;

/** At most this many URL domains / referenced short numbers are kept per SMS. */
export const MAX_URL_DOMAINS = 8;
export const MAX_REFERENCED_SHORT_NUMBERS = 8;

/** The entity-event contract caps string features at 256 characters. */
export const MAX_FEATURE_STRING_LENGTH = 256;
