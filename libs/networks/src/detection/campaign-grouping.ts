import { createHash } from 'node:crypto';

/** A number with an open finding, as the campaign grouping sees it. */
export interface CampaignMember {
  key: string;
  number: string;
  startMs: number;
  victims: readonly string[];
  domains: readonly string[];
}

/** Union-find over member indexes, with path halving. */
class DisjointSets {
  private readonly parent: number[];

  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, i) => i);
  }

  find(i: number): number {
    let at = i;
    while (this.parent[at] !== at) {
      this.parent[at] = this.parent[this.parent[at]];
      at = this.parent[at];
    }
    return at;
  }

  union(a: number, b: number): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA !== rootB) this.parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
  }
}

/** A campaign as a member sees it: its id and the finding start of the member it is named after. */
export interface CampaignRef {
  id: string;
  startMs: number;
}

/** The earlier of two campaigns (by their root's start, then id): what a finding keeps when they meet. */
export function earlierCampaign(a: CampaignRef | undefined, b: CampaignRef): CampaignRef {
  if (a === undefined) return b;
  return a.startMs < b.startMs || (a.startMs === b.startMs && a.id <= b.id) ? a : b;
}

/**
 * Groups numbers that share a victim or a lure domain into campaigns, and names each campaign after its earliest
 * member (earliest finding start, then number): deterministic, and stable as later numbers join. Returns the
 * campaign per member key.
 */
export function groupCampaigns(members: readonly CampaignMember[]): Map<string, CampaignRef> {
  const ordered = [...members].sort(
    (a, b) =>
      a.startMs - b.startMs || (a.number < b.number ? -1 : a.number > b.number ? 1 : a.key < b.key ? -1 : 1),
  );
  const sets = new DisjointSets(ordered.length);
  const firstHolder = new Map<string, number>();
  const link = (token: string, index: number) => {
    const holder = firstHolder.get(token);
    if (holder === undefined) firstHolder.set(token, index);
    else sets.union(holder, index);
  };
  ordered.forEach((member, index) => {
    for (const victim of member.victims) link(`v:${victim}`, index);
    for (const domain of member.domains) link(`d:${domain}`, index);
  });
  const campaigns = new Map<string, CampaignRef>();
  ordered.forEach((member, index) => {
    const root = ordered[sets.find(index)];
    campaigns.set(member.key, { id: campaignIdOf(root.number, root.startMs), startMs: root.startMs });
  });
  return campaigns;
}

export function campaignIdOf(number: string, startMs: number): string {
  return `cmp-${createHash('sha256').update(`${number}\n${startMs}`).digest('hex').slice(0, 24)}`;
}

export function findingIdOf(number: string, role: string, startMs: number): string {
  return createHash('sha256').update(`${number}\n${role}\n${startMs}`).digest('hex').slice(0, 32);
}
