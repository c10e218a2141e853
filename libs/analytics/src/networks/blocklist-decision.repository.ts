import { z } from 'zod';
import { quoteIdentifier, quoteNumber, quoteString, type SqlExecutor } from '@vigil/clickhouse';
import type { BlocklistProposalV1 } from '@vigil/contracts';
import type { BlocklistDecisionRecord } from '../dashboard/dashboard-answers';
import { analyticsTables } from '../schema/analytics-tables';
import { fromUnixSeconds } from '../rows/date-time-text';
import { NO_EXPIRY, toBlocklistDecisionRow } from '../rows/blocklist-decision-row';
import type { SubscriberPseudonymizer } from '../pseudonym/subscriber-pseudonymizer';
import { freeId, parseFilter, timeRange } from '../dashboard/dashboard-filters';
import { inTimeRange } from '../dashboard/sql-fragments';

export const BLOCKLIST_DECISIONS = ['approved', 'rejected'] as const;
export type BlocklistDecision = (typeof BLOCKLIST_DECISIONS)[number];

const listSchema = z.intersection(
  timeRange,
  z.object({ limit: z.number().int().min(1).max(1_000).default(200) }),
);
/** Filter of `list`: decisions taken in the half-open range, newest first. */
export type BlocklistDecisionListFilter = z.input<typeof listSchema>;

interface DecisionRow {
  proposal_id: string;
  number_key: string;
  number_display: string;
  role: string;
  campaign_id: string;
  finding_id: string;
  victims_count: number | string;
  score: number;
  decision: BlocklistDecision;
  reason: string;
  analyst: string;
  decided_s: number | string;
  expires_s: number | string;
}

const COLUMNS = `proposal_id, number_key, number_display, role, campaign_id, finding_id, victims_count, score,
  decision, reason, analyst, toUInt32(decided_at) AS decided_s, toUInt32(expires_at) AS expires_s`;

/**
 * The audit trail of blocking (`blocklist_decisions`): who approved or rejected which proposal, when, why, and until
 * when the number stays blocked. Written before the decision takes effect on Kafka, so nothing is blocked without
 * its record; a repeated write of the same decision collapses (same sort key). Never dropped by retention.
 */
export class BlocklistDecisionRepository {
  private readonly table: string;

  constructor(
    private readonly executor: SqlExecutor,
    database: string,
    private readonly pseudonyms: SubscriberPseudonymizer,
  ) {
    this.table = `${quoteIdentifier(database)}.${quoteIdentifier(analyticsTables.blocklistDecisions)}`;
  }

  /** Records a decided proposal (approved or rejected, with decidedBy, decidedAt and reason). */
  async record(decided: BlocklistProposalV1): Promise<void> {
    await this.executor.insertRows(this.table, [toBlocklistDecisionRow(decided, this.pseudonyms)]);
  }

  /** The decision recorded for a proposal, or undefined (the earliest, should two instances have raced). */
  async ofProposal(proposalId: string): Promise<BlocklistDecisionRecord | undefined> {
    const id = parseFilter('blocklistDecisionOf', freeId, proposalId);
    const [row] = await this.executor.query<DecisionRow>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE proposal_id = ${quoteString(id)}
      ORDER BY decided_at, decision LIMIT 1`,
    );
    return row ? toRecord(row) : undefined;
  }

  /** Decisions taken in the range, newest first (a decision written twice is listed once). */
  async list(input: BlocklistDecisionListFilter): Promise<BlocklistDecisionRecord[]> {
    const filter = parseFilter('blocklistDecisions', listSchema, input);
    const rows = await this.executor.query<DecisionRow>(
      `SELECT ${COLUMNS} FROM ${this.table}
      WHERE ${inTimeRange('decided_at', filter)}
      ORDER BY decided_at DESC, proposal_id
      LIMIT 1 BY proposal_id, decision
      LIMIT ${quoteNumber(filter.limit)}`,
    );
    return rows.map(toRecord);
  }
}

const NO_EXPIRY_SECONDS = Date.parse(NO_EXPIRY) / 1000;

function toRecord(row: DecisionRow): BlocklistDecisionRecord {
  return {
    proposalId: row.proposal_id,
    numberKey: row.number_key,
    number: row.number_display,
    role: row.role,
    campaignId: row.campaign_id,
    findingId: row.finding_id,
    victimsCount: Number(row.victims_count),
    score: Number(row.score),
    decision: row.decision,
    reason: row.reason,
    analyst: row.analyst,
    decidedAt: fromUnixSeconds(row.decided_s),
    expiresAt: Number(row.expires_s) === NO_EXPIRY_SECONDS ? null : fromUnixSeconds(row.expires_s),
  };
}

export type { BlocklistDecisionRecord };
