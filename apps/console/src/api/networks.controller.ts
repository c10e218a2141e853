import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  BlocklistDecisionRecord,
  BlocklistDecisionRepository,
  DashboardQueries,
  NetworkFindingEvidence,
  NetworkGraph,
  NetworkNumber,
  SubscriberPseudonymizer,
  VictimsPerNumberPerDay,
} from '@vigil/analytics';
import { RequireRole } from '../auth/auth.decorators';
import { CurrentSession } from '../auth/current-session.decorator';
import type { Session } from '../auth/session-tokens';
import type { ConsoleEnv } from '../console.config';
import {
  BLOCKLIST_DECISIONS,
  BLOCKLIST_DECISION_REPOSITORY,
  CONSOLE_ENV,
  DASHBOARD_QUERIES,
  SUBSCRIBER_PSEUDONYMIZER,
} from '../console.constants';
import { ConsoleError, consoleErrorCodes } from '../http/console.errors';
import { parseInput } from '../http/parse-input';
import type { BlocklistDecisionsService, DecisionOutcome } from '../networks/blocklist-decisions.service';
import { BlocklistTopicsService } from '../networks/blocklist-topics.service';
import { type EntryView, type ProposalView, toEntryView, toProposalView } from '../networks/proposal-view';
import { ApiJsonBody, ApiQueryParams, ApiSession, TIME_WINDOW_PARAMS } from './api-docs.decorators';
import {
  approveBody,
  decisionsQuery,
  graphQuery,
  proposalIdParams,
  proposalsQuery,
  rejectBody,
  topNumbersQuery,
  victimsPerDayQuery,
} from './networks.schemas';

/** A decision as answered: numbers masked like every stored answer. */
export interface DecisionAnswer {
  proposal: ProposalView;
  entry: EntryView | null;
  emitted: boolean;
}

/**
 * Scam networks: the numbers behind many victims, their graph, the block-list proposals and the analysts' decisions
 * on them (approve / reject with a reason: analysts and admins; audited). Numbers are masked for every role.
 */
@ApiTags('networks')
@ApiSession()
@Controller('api/networks')
export class NetworksController {
  constructor(
    @Inject(CONSOLE_ENV) private readonly env: ConsoleEnv,
    @Inject(DASHBOARD_QUERIES) private readonly queries: DashboardQueries,
    @Inject(BLOCKLIST_DECISION_REPOSITORY) private readonly decisionAudit: BlocklistDecisionRepository,
    @Inject(BLOCKLIST_DECISIONS) private readonly decisions: BlocklistDecisionsService,
    @Inject(SUBSCRIBER_PSEUDONYMIZER) private readonly pseudonyms: SubscriberPseudonymizer,
    private readonly topics: BlocklistTopicsService,
  ) {}

  @Get('top-numbers')
  @ApiOperation({ summary: 'Numbers with the most distinct victims in the range (default: the last 7 days)' })
  @ApiQueryParams({ ...TIME_WINDOW_PARAMS, limit: '1..200 (default 20)' })
  topNumbers(@Query() query: unknown): Promise<NetworkNumber[]> {
    return this.queries.topNetworkNumbers(parseInput(topNumbersQuery, query));
  }

  @Get('victims-per-day')
  @ApiOperation({ summary: 'Victims per scammer number per day (UTC days of the evidence)' })
  @ApiQueryParams({ ...TIME_WINDOW_PARAMS, numberKeys: 'comma-separated number keys', limit: '1..10000' })
  victimsPerDay(@Query() query: unknown): Promise<VictimsPerNumberPerDay[]> {
    return this.queries.victimsPerNumberPerDay(parseInput(victimsPerDayQuery, query));
  }

  @Get('graph')
  @ApiOperation({ summary: 'The busiest numbers of the range and their victims: nodes are pseudonym keys' })
  @ApiQueryParams({
    ...TIME_WINDOW_PARAMS,
    numbers: '1..50 (default 10)',
    maxEdges: '1..5000 (default 1000)',
  })
  graph(@Query() query: unknown): Promise<NetworkGraph> {
    return this.queries.networkGraph(parseInput(graphQuery, query));
  }

  @Get('proposals')
  @ApiOperation({
    summary: 'Current block-list proposal per number, pending first (from the compacted topic)',
  })
  @ApiQueryParams({ status: 'pending, decided or all (default)', limit: '1..1000 (default 500)' })
  async proposals(@Query() query: unknown): Promise<ProposalView[]> {
    const { status, limit } = parseInput(proposalsQuery, query);
    const proposals = (await this.topics.proposals()).filter(
      (proposal) => status === 'all' || (status === 'pending') === (proposal.status === 'pending'),
    );
    return proposals
      .sort(
        (a, b) =>
          Number(a.status !== 'pending') - Number(b.status !== 'pending') ||
          b.victimsCount - a.victimsCount ||
          a.proposalId.localeCompare(b.proposalId),
      )
      .slice(0, limit)
      .map((proposal) => toProposalView(proposal, this.pseudonyms));
  }

  @Get('proposals/:proposalId')
  @ApiOperation({ summary: 'One proposal with the evidence of its finding (victims masked, linking alerts)' })
  async proposal(
    @Param() params: unknown,
  ): Promise<ProposalView & { finding: NetworkFindingEvidence | null }> {
    const { proposalId } = parseInput(proposalIdParams, params);
    await this.topics.ready();
    const proposal = this.topics.currentFor(proposalId);
    if (proposal === undefined || proposal.proposalId !== proposalId)
      throw new ConsoleError(consoleErrorCodes.NOT_FOUND, 'no such current proposal');
    const finding = await this.queries.networkFinding({ findingId: proposal.findingId });
    return { ...toProposalView(proposal, this.pseudonyms), finding };
  }

  @Post('proposals/:proposalId/approve')
  @RequireRole('analyst')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Approve a pending proposal with a reason: audited, then the block-list entry (expiry: expiresInDays, ' +
      'default BLOCKLIST_EXPIRY_DAYS) goes to vigil.blocklist.v1. Approving again writes nothing.',
  })
  @ApiJsonBody(approveBody)
  async approve(
    @Param() params: unknown,
    @Body() body: unknown,
    @CurrentSession() session: Session,
  ): Promise<DecisionAnswer> {
    const { proposalId } = parseInput(proposalIdParams, params);
    const { reason, expiresInDays } = parseInput(approveBody, body);
    const outcome = await this.decisions.decide(
      proposalId,
      { decision: 'approved', reason, expiresInDays: expiresInDays ?? this.env.BLOCKLIST_EXPIRY_DAYS },
      session.name,
    );
    return this.answer(outcome);
  }

  @Post('proposals/:proposalId/reject')
  @RequireRole('analyst')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Reject a pending proposal with a reason (audited). Rejecting again writes nothing.',
  })
  @ApiJsonBody(rejectBody)
  async reject(
    @Param() params: unknown,
    @Body() body: unknown,
    @CurrentSession() session: Session,
  ): Promise<DecisionAnswer> {
    const { proposalId } = parseInput(proposalIdParams, params);
    const { reason } = parseInput(rejectBody, body);
    const outcome = await this.decisions.decide(
      proposalId,
      { decision: 'rejected', reason, expiresInDays: this.env.BLOCKLIST_EXPIRY_DAYS },
      session.name,
    );
    return this.answer(outcome);
  }

  @Get('decisions')
  @ApiOperation({
    summary: 'The audit trail: decisions on proposals, newest first (default: the last 30 days)',
  })
  @ApiQueryParams({ ...TIME_WINDOW_PARAMS, limit: '1..1000 (default 200)' })
  decisionTrail(@Query() query: unknown): Promise<BlocklistDecisionRecord[]> {
    return this.decisionAudit.list(parseInput(decisionsQuery, query));
  }

  private answer(outcome: DecisionOutcome): DecisionAnswer {
    return {
      proposal: toProposalView(outcome.proposal, this.pseudonyms),
      entry: outcome.entry ? toEntryView(outcome.entry, this.pseudonyms) : null,
      emitted: outcome.emitted,
    };
  }
}
