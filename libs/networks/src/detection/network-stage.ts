import { createHash } from 'node:crypto';
import {
  MAX_FINDING_EVIDENCE,
  MAX_FINDING_VICTIMS,
  type BlocklistProposalV1,
  type NetworkEvidenceV1,
  type NetworkFindingV1,
} from '@vigil/contracts';
import type { FindingThreshold, NetworkDetectionOptions } from '../networks.options';
import type { NetworkObservation } from '../observations/observation.types';
import { evidenceIdOf } from '../observations/observation.types';
import { shouldPropose, type ProposalLedger } from '../proposals/proposal-ledger';
import {
  earlierCampaign,
  findingIdOf,
  groupCampaigns,
  type CampaignMember,
  type CampaignRef,
} from './campaign-grouping';
import {
  distinctSubscribers,
  earliestQualifyingWindow,
  insertObservation,
  trackKeyOf,
  type NumberTrack,
  type TrackedObservation,
} from './number-track';
import { decodeTrack, encodeTrack } from './track.codec';

/** What one observation did to the stage. */
export type ObservationOutcome = 'added' | 'duplicate' | 'late' | 'allow_listed';

/** The outputs of one flush: findings that are new or changed, and proposals to write. */
export interface StageOutput {
  findings: NetworkFindingV1[];
  proposals: BlocklistProposalV1[];
}

/** A changed track for the changelog (null value: the track is gone). */
export interface TrackChange {
  key: string;
  value: Buffer | null;
}

/** Event time between two sweeps of expired tracks. */
const SWEEP_INTERVAL_MS = 60_000;

/**
 * The second correlation stage: alerts and first-contact transfers seen from the other side, per number. A number
 * that was the lure of alerts of at least K distinct subscribers within a window is a scam caller or sender; one
 * that received first-contact transfers from at least N distinct subscribers within a window (and is not
 * allow-listed) is a mule. Numbers with open findings that share victims or lure domains form a campaign. Pure and
 * deterministic: times are the observations' event times (detectedAt aside), state is bounded, and every change
 * can be persisted and restored per track.
 */
export class NetworkStage {
  private readonly tracks = new Map<string, NumberTrack>();
  private readonly dirty = new Set<string>();
  /** Keys of the tracks with an open finding: what every flush looks at. */
  private readonly open = new Set<string>();
  private readonly changed = new Set<string>();
  /**
   * Event time per family: alerts and transfers reach the stage through two different streams (the correlator's
   * output and the entity events), which a backlog drains at different speeds; each family's windows and eviction
   * run on its own observations' time, so one stream running ahead never makes the other's observations late.
   */
  private readonly eventTimeMs: Record<Family, number> = { lure: 0, mule: 0 };
  private lastSweepMs = 0;

  constructor(
    private readonly options: NetworkDetectionOptions,
    private readonly ledger: ProposalLedger,
  ) {}

  get trackedNumbers(): number {
    return this.tracks.size;
  }

  get openFindings(): number {
    return this.open.size;
  }

  /** Latest event time of any observation. */
  get eventTime(): number {
    return Math.max(this.eventTimeMs.lure, this.eventTimeMs.mule);
  }

  observe(observation: NetworkObservation): ObservationOutcome {
    const family = observation.type === 'lure' ? 'lure' : 'mule';
    const threshold = this.thresholdOf(family);
    if (
      observation.occurredAtMs <
      this.eventTimeMs[family] - threshold.windowMs - this.options.allowedLatenessMs
    )
      return 'late';
    if (family === 'mule' && this.options.allowList.has(observation.number)) return 'allow_listed';
    const key = trackKeyOf(family, observation.number);
    let track = this.tracks.get(key);
    if (track === undefined) {
      track = {
        key,
        number: observation.number,
        role: observation.type === 'lure' ? observation.role : 'mule',
        observations: [],
      };
      this.tracks.set(key, track);
    }
    const item: TrackedObservation = {
      id: evidenceIdOf(observation),
      subscriber: observation.subscriber,
      atMs: observation.occurredAtMs,
    };
    if (observation.type === 'lure') {
      item.alertId = observation.alertId;
      item.typology = observation.typology;
      item.confirmed = observation.stage === 'confirmed';
      if (observation.domains.length > 0) item.domains = [...observation.domains].sort();
    } else item.eventId = observation.eventId;
    if (!insertObservation(track, item, this.options.maxObservationsPerNumber)) return 'duplicate';
    if (track.finding !== undefined && item.atMs < track.finding.startMs) this.reopenEarlier(track);
    this.eventTimeMs[family] = Math.max(this.eventTimeMs[family], observation.occurredAtMs);
    this.dirty.add(key);
    this.changed.add(key);
    return 'added';
  }

  /**
   * Decides the tracks observed since the last flush: opens findings that reached their threshold, re-emits those
   * that grew or changed campaign, proposes numbers, and forgets what event time has left behind.
   */
  flush(detectedAtMs: number): StageOutput {
    for (const key of this.dirty) {
      const track = this.tracks.get(key);
      if (track !== undefined && track.finding === undefined) this.openFinding(track);
    }
    this.dirty.clear();
    const campaigns = this.campaigns();
    const output: StageOutput = { findings: [], proposals: [] };
    for (const key of this.open) {
      const track = this.tracks.get(key)!;
      const finding = track.finding!;
      finding.campaign = earlierCampaign(finding.campaign, campaigns.get(track.key)!);
      const campaignId = finding.campaign.id;
      const rendered = this.render(track, campaignId, detectedAtMs);
      if (
        rendered.victimsCount === finding.emittedVictims &&
        rendered.evidence.length === finding.emittedEvidence &&
        campaignId === finding.emittedCampaignId
      )
        continue;
      finding.emittedVictims = rendered.victimsCount;
      finding.emittedEvidence = rendered.evidence.length;
      finding.emittedCampaignId = campaignId;
      this.changed.add(track.key);
      output.findings.push(rendered);
      if (shouldPropose(this.ledger.latest(track.number), rendered.victimsCount, finding.proposedVictims)) {
        finding.proposedVictims = rendered.victimsCount;
        output.proposals.push(proposalOf(rendered, detectedAtMs));
      }
    }
    if (this.eventTime - this.lastSweepMs >= SWEEP_INTERVAL_MS) this.sweep();
    return output;
  }

  /** The tracks changed since the last call, encoded for the changelog. */
  drainChanges(): TrackChange[] {
    const changes: TrackChange[] = [];
    for (const key of this.changed) {
      const track = this.tracks.get(key);
      changes.push({ key, value: track === undefined ? null : encodeTrack(track) });
    }
    this.changed.clear();
    return changes;
  }

  /** Applies one changelog record in log order (restore); false when it cannot be read (it is skipped). */
  restore(key: string, value: Buffer | null): boolean {
    if (value === null) {
      this.forgetTrack(key);
      return true;
    }
    const track = decodeTrack(key, value);
    if (track === undefined) return false;
    this.tracks.set(key, track);
    if (track.finding !== undefined) this.open.add(key);
    else this.open.delete(key);
    const newest = track.observations.at(-1);
    const family = familyOf(track);
    if (newest !== undefined) this.eventTimeMs[family] = Math.max(this.eventTimeMs[family], newest.atMs);
    return true;
  }

  private thresholdOf(family: Family): FindingThreshold {
    return family === 'lure' ? this.options.lure : this.options.mule;
  }

  private openFinding(track: NumberTrack): void {
    const threshold = this.thresholdOf(familyOf(track));
    const startMs = earliestQualifyingWindow(track.observations, threshold.windowMs, threshold.minVictims);
    if (startMs === undefined) return;
    track.finding = {
      findingId: findingIdOf(track.number, track.role, startMs),
      startMs,
      emittedVictims: 0,
      emittedEvidence: 0,
    };
    this.open.add(track.key);
  }

  /**
   * An observation older than an open finding's start came out of order (alerts of different subscribers reach the
   * stage through different partitions): the finding starts where it would have started had the observations come
   * in event-time order, so that victim is not left out. The finding keeps its id: it is the same finding.
   */
  private reopenEarlier(track: NumberTrack): void {
    const finding = track.finding!;
    const threshold = this.thresholdOf(familyOf(track));
    const startMs = earliestQualifyingWindow(track.observations, threshold.windowMs, threshold.minVictims);
    if (startMs !== undefined && startMs < finding.startMs) finding.startMs = startMs;
  }

  private campaigns(): Map<string, CampaignRef> {
    const members: CampaignMember[] = [];
    for (const key of this.open) {
      const track = this.tracks.get(key)!;
      const { startMs } = track.finding!;
      const inFinding = track.observations.filter((item) => item.atMs >= startMs);
      members.push({
        key: track.key,
        number: track.number,
        startMs,
        victims: distinctSubscribers(inFinding),
        domains: [...new Set(inFinding.flatMap((item) => item.domains ?? []))],
      });
    }
    return groupCampaigns(members);
  }

  private render(track: NumberTrack, campaignId: string, detectedAtMs: number): NetworkFindingV1 {
    const finding = track.finding!;
    const threshold = this.thresholdOf(familyOf(track));
    const items = track.observations.filter((item) => item.atMs >= finding.startMs);
    const victims = distinctSubscribers(items);
    const confirmed = new Set(items.filter((item) => item.confirmed).map((item) => item.subscriber)).size;
    const domains = [...new Set(items.flatMap((item) => item.domains ?? []))].sort();
    const rendered: NetworkFindingV1 = {
      findingId: finding.findingId,
      number: track.number,
      role: track.role,
      campaignId,
      victimsCount: victims.length,
      victims: victims.slice(0, MAX_FINDING_VICTIMS),
      evidence: items.slice(-MAX_FINDING_EVIDENCE).map(evidenceOf),
      firstSeenAt: new Date(items[0].atMs).toISOString(),
      lastSeenAt: new Date(items[items.length - 1].atMs).toISOString(),
      detectedAt: new Date(detectedAtMs).toISOString(),
      windowMs: threshold.windowMs,
      score: scoreOf(victims.length, confirmed, threshold.minVictims, track.role === 'mule'),
    };
    if (domains.length > 0) rendered.lureDomains = domains.slice(0, 50);
    return rendered;
  }

  /**
   * Forgets what event time has left behind: observations older than a window (plus the lateness) on tracks with
   * no finding, and findings whose last victim is more than a window old (the number went quiet); then, beyond the
   * cap, the tracks without a finding that were quiet longest.
   */
  private sweep(): void {
    this.lastSweepMs = this.eventTime;
    for (const track of this.tracks.values()) {
      const threshold = this.thresholdOf(familyOf(track));
      const horizonMs =
        this.eventTimeMs[familyOf(track)] - threshold.windowMs - this.options.allowedLatenessMs;
      const newest = track.observations.at(-1);
      if (newest === undefined || newest.atMs < horizonMs) {
        this.forgetTrack(track.key);
        this.changed.add(track.key);
        continue;
      }
      if (track.finding === undefined && track.observations[0].atMs < horizonMs) {
        track.observations = track.observations.filter((item) => item.atMs >= horizonMs);
        this.changed.add(track.key);
      }
    }
    const excess = this.tracks.size - this.options.maxTrackedNumbers;
    if (excess <= 0) return;
    const idle = [...this.tracks.values()]
      .filter((track) => track.finding === undefined)
      .sort((a, b) => (a.observations.at(-1)?.atMs ?? 0) - (b.observations.at(-1)?.atMs ?? 0));
    for (const track of idle.slice(0, excess)) {
      this.forgetTrack(track.key);
      this.changed.add(track.key);
    }
  }

  private forgetTrack(key: string): void {
    this.tracks.delete(key);
    this.open.delete(key);
  }
}

type Family = 'lure' | 'mule';

const familyOf = (track: NumberTrack): Family => (track.role === 'mule' ? 'mule' : 'lure');

function evidenceOf(item: TrackedObservation): NetworkEvidenceV1 {
  const evidence: NetworkEvidenceV1 = {
    subscriber: item.subscriber,
    occurredAt: new Date(item.atMs).toISOString(),
  };
  if (item.alertId !== undefined) evidence.alertId = item.alertId;
  if (item.eventId !== undefined) evidence.eventId = item.eventId;
  if (item.typology !== undefined) evidence.typology = item.typology;
  return evidence;
}

/**
 * 0..1: half from how far the victims exceed the threshold (twice the threshold counts fully), half from how much of
 * it is proven: for a lure the share of victims whose scam was confirmed, for a mule the fact itself (a first-contact
 * payment is the loss).
 */
function scoreOf(victims: number, confirmed: number, minVictims: number, mule: boolean): number {
  const volume = Math.min(1, victims / (2 * minVictims));
  const proof = mule ? 1 : confirmed / victims;
  return Math.round((0.5 * volume + 0.5 * proof) * 1000) / 1000;
}

function proposalOf(finding: NetworkFindingV1, proposedAtMs: number): BlocklistProposalV1 {
  return {
    proposalId: createHash('sha256')
      .update(`${finding.findingId}\n${finding.victimsCount}`)
      .digest('hex')
      .slice(0, 32),
    number: finding.number,
    role: finding.role,
    campaignId: finding.campaignId,
    findingId: finding.findingId,
    victimsCount: finding.victimsCount,
    score: finding.score,
    evidenceAlertIds: finding.evidence.flatMap((item) => (item.alertId === undefined ? [] : [item.alertId])),
    proposedAt: new Date(proposedAtMs).toISOString(),
    status: 'pending',
  };
}
