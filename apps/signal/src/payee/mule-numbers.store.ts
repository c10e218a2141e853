import { blocklistEntryV1, blocklistProposalV1, phoneNumberDigits } from '@vigil/contracts';

/** What Vigil knows of a payee number: an analyst approved it as a mule, or detection found it and nobody decided. */
export type PayeeMuleStanding = 'approved' | 'undecided';

export interface MuleNumbersLimits {
  /** Most numbers held per source; beyond it new numbers are left out (counted) rather than grow the heap. */
  readonly maxNumbers: number;
  /** How long after it was proposed an undecided mule counts (a proposal nobody decides must not count forever). */
  readonly undecidedMaxAgeMs: number;
}

/** The outcome of applying one record, for the follower's metrics. */
export type MuleRecordOutcome = 'held' | 'removed' | 'ignored' | 'invalid' | 'dropped_full';

const MSISDN = 'msisdn:';

/**
 * The mule numbers a check's payee is looked up in, by digits: unexpired `role: mule` entries of vigil.blocklist.v1
 * (latest per key; a tombstone removes) and `pending` mule proposals of vigil.blocklist-proposals.v1 (a decided or
 * removed proposal removes). Each map holds one number each to its expiry (ms), nothing else: a check needs to know
 * only whether the payee is one, never why.
 */
export class MuleNumbersStore {
  private readonly approved = new Map<string, number>();
  private readonly undecided = new Map<string, number>();
  private caughtUpSources = 0;

  constructor(private readonly limits: MuleNumbersLimits) {}

  /** One record of vigil.blocklist.v1 (key = the number's entity id). */
  applyBlocklistRecord(key: string | null, value: Buffer | null, nowMs: number): MuleRecordOutcome {
    if (value === null) return this.remove(this.approved, key);
    let number: string;
    let role: string;
    let expiresAtMs: number;
    try {
      const entry = blocklistEntryV1.deserialize(value);
      ({ number, role } = entry);
      expiresAtMs = Date.parse(entry.expiresAt);
    } catch {
      return 'invalid';
    }
    if (role !== 'mule') return this.remove(this.approved, number) === 'removed' ? 'removed' : 'ignored';
    return this.hold(this.approved, number, expiresAtMs, nowMs);
  }

  /** One record of vigil.blocklist-proposals.v1 (key = the number's entity id). */
  applyProposalRecord(key: string | null, value: Buffer | null, nowMs: number): MuleRecordOutcome {
    if (value === null) return this.remove(this.undecided, key);
    let number: string;
    let role: string;
    let status: string;
    let proposedAtMs: number;
    try {
      const proposal = blocklistProposalV1.deserialize(value);
      ({ number, role, status } = proposal);
      proposedAtMs = Date.parse(proposal.proposedAt);
    } catch {
      return 'invalid';
    }
    // Decided: approved ones count through the block list (until their expiry), rejected ones not at all.
    if (role !== 'mule' || status !== 'pending')
      return this.remove(this.undecided, number) === 'removed' ? 'removed' : 'ignored';
    return this.hold(this.undecided, number, proposedAtMs + this.limits.undecidedMaxAgeMs, nowMs);
  }

  /**
   * The payee's standing (its canonical digits, as ingest's number plan gives them), or undefined. An approved
   * entry wins over an undecided one; one past its expiry counts for nothing and is forgotten here.
   */
  standingOf(digits: string, nowMs: number): PayeeMuleStanding | undefined {
    if (this.isHeld(this.approved, digits, nowMs)) return 'approved';
    if (this.isHeld(this.undecided, digits, nowMs)) return 'undecided';
    return undefined;
  }

  /** Called by the follower as each topic is read to its end; ready once both are. */
  markSourceCaughtUp(): void {
    this.caughtUpSources += 1;
  }

  /** True once both topics have been read to their end: before that, a mule could be missed. */
  get caughtUp(): boolean {
    return this.caughtUpSources >= 2;
  }

  get sizes(): { approved: number; undecided: number } {
    return { approved: this.approved.size, undecided: this.undecided.size };
  }

  /** Forgets every number past its expiry; true when any went. */
  pruneExpired(nowMs: number): boolean {
    const before = this.approved.size + this.undecided.size;
    for (const map of [this.approved, this.undecided])
      for (const [digits, expiresAtMs] of map) if (expiresAtMs <= nowMs) map.delete(digits);
    return this.approved.size + this.undecided.size < before;
  }

  private isHeld(map: Map<string, number>, digits: string, nowMs: number): boolean {
    const expiresAtMs = map.get(digits);
    if (expiresAtMs === undefined) return false;
    if (expiresAtMs > nowMs) return true;
    map.delete(digits);
    return false;
  }

  private hold(
    map: Map<string, number>,
    entity: string,
    expiresAtMs: number,
    nowMs: number,
  ): MuleRecordOutcome {
    const digits = digitsOf(entity);
    if (digits === undefined || !(expiresAtMs > nowMs)) return this.remove(map, entity);
    if (!map.has(digits) && map.size >= this.limits.maxNumbers) {
      this.pruneExpired(nowMs);
      if (map.size >= this.limits.maxNumbers) return 'dropped_full';
    }
    map.set(digits, expiresAtMs);
    return 'held';
  }

  private remove(map: Map<string, number>, entity: string | null): MuleRecordOutcome {
    const digits = entity === null ? undefined : digitsOf(entity);
    return digits !== undefined && map.delete(digits) ? 'removed' : 'ignored';
  }
}

/** The digits of a phone-number entity (`msisdn:<digits>`); undefined for sender ids and anything else. */
function digitsOf(entity: string): string | undefined {
  return entity.startsWith(MSISDN) ? phoneNumberDigits(entity.slice(MSISDN.length)) : undefined;
}
