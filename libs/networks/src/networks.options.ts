/** Thresholds and windows of one kind of finding (README, "Scam networks": the defaults and why). */
export interface FindingThreshold {
  /** Event time within which the victims must come. */
  windowMs: number;
  /** Distinct subscribers within the window that make a finding. */
  minVictims: number;
}

/** Everything the second correlation stage is tuned by; validated from config/networks/networks.yaml. */
export interface NetworkDetectionOptions {
  /** Scam callers and senders: the lure of alerts of at least `minVictims` distinct subscribers. */
  lure: FindingThreshold;
  /** Mules: first-contact transfers from at least `minVictims` distinct subscribers. */
  mule: FindingThreshold;
  /** Numbers never reported as mules (legitimate shops and merchants), as entity ids (`msisdn:<digits>`). */
  allowList: ReadonlySet<string>;
  /** How far behind the latest event time an observation may come and still count (as the correlator's). */
  allowedLatenessMs: number;
  /** Bounds: observations kept per number (evidence is at most 200), numbers tracked at once. */
  maxObservationsPerNumber: number;
  maxTrackedNumbers: number;
}

/** The memory of who each subscriber has been in contact with (the mule's "first contact"). */
export interface ContactMemoryOptions {
  /** A contact older than this is forgotten: the number is new to the subscriber again (DESIGN.md: 30 days). */
  memoryMs: number;
  /** Counterparties remembered per subscriber; the least recent goes first. */
  maxContactsPerSubscriber: number;
  /** Subscribers remembered per partition; the least recently active go first. */
  maxSubscribers: number;
}
