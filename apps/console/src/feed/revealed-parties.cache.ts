/** The full numbers of one alert, kept only in memory for the audited reveal. */
export interface AlertParties {
  entity: string;
  counterparties: string[];
}

/**
 * Full entity and counterparty ids of recent live alerts, bounded (oldest dropped first). ClickHouse stores only
 * keyed hashes and masked forms, so the live feed is the one place an analyst's reveal can read a number from;
 * after a restart only alerts relayed since then can be revealed.
 */
export class RevealedPartiesCache {
  private readonly parties = new Map<string, AlertParties>();

  constructor(private readonly maxAlerts = 10_000) {}

  remember(alertId: string, parties: AlertParties): void {
    this.parties.delete(alertId);
    this.parties.set(alertId, parties);
    if (this.parties.size > this.maxAlerts) {
      const oldest = this.parties.keys().next().value;
      if (oldest !== undefined) this.parties.delete(oldest);
    }
  }

  lookup(alertId: string): AlertParties | undefined {
    return this.parties.get(alertId);
  }
}
