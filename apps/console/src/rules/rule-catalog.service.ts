import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Kafka } from '@vigil/kafka';
import { parse, stringify } from 'yaml';
import type { RuleBacktestSummary, RuleHistoryEntry, RuleHistoryRepository } from '@vigil/analytics';
import {
  overlayRuleDocuments,
  ruleSetOfDocuments,
  splitRuleDocuments,
  type RuleDocument,
} from '@vigil/backtest';
import { contractRecordReader, LatestValueTable, rulePublicationV1, topicNames } from '@vigil/contracts';
import { isCorrelationError, readRuleSources } from '@vigil/correlation';
import { CONSOLE_ENV, CONSOLE_KAFKA, RULE_HISTORY } from '../console.constants';
import type { ConsoleEnv } from '../console.config';
import { ConsoleError, consoleErrorCodes } from '../http/console.errors';
import { FollowedTopic } from '../topics/followed-topic';
import { describeRuleYaml, type RuleSummary } from './rule-summary';

/**
 * The rule set in force (published versions over the repository's files) and publishing a new version: the
 * same record the rules CLI writes (`rulePublicationV1`, key = rule id), validated as the correlator will.
 */
@Injectable()
export class RuleCatalogService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RuleCatalogService.name);
  /** The latest publication per rule id, followed live in a group of its own (as the correlator's RulesFeed). */
  private readonly published = new LatestValueTable(contractRecordReader(rulePublicationV1));
  private readonly rulesTopic: FollowedTopic;
  private readonly topic: string;
  private repository?: RuleDocument[];

  constructor(
    @Inject(CONSOLE_ENV) private readonly env: ConsoleEnv,
    @Inject(CONSOLE_KAFKA) kafka: Kafka,
    @Inject(RULE_HISTORY) private readonly ruleHistory: RuleHistoryRepository,
  ) {
    this.topic = topicNames(env.VIGIL_TOPIC_PREFIX).rules;
    this.rulesTopic = new FollowedTopic(kafka, this.published, {
      name: 'published rules',
      topic: this.topic,
      groupPrefix: 'vigil-console-rules',
    });
  }

  onModuleInit(): void {
    this.rulesTopic.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.rulesTopic.close();
  }

  /** Every rule in force, published versions first-class, repository rules where nothing was published. */
  async list(): Promise<RuleSummary[]> {
    // Answers with what it has once the wait is over: the dashboards do not wait for Kafka.
    await this.rulesTopic.caughtUp();
    const summaries: RuleSummary[] = this.published.latestValues().map((rule) => ({
      ruleId: rule.ruleId,
      version: rule.version,
      ...describeRuleYaml(rule.yaml),
      origin: 'published',
      source: rule.source,
      publishedAt: rule.publishedAt,
      publishedBy: rule.publishedBy ?? null,
      yaml: rule.yaml,
    }));
    for (const rule of this.repositoryRules()) {
      if (this.published.get(rule.ruleId) !== undefined) continue;
      summaries.push({
        ruleId: rule.ruleId,
        version: rule.version,
        ...describeRuleYaml(rule.yaml),
        origin: 'repository',
        source: rule.source,
        publishedAt: null,
        publishedBy: null,
        yaml: rule.yaml,
      });
    }
    return summaries.sort((a, b) => a.ruleId.localeCompare(b.ruleId));
  }

  /**
   * The rules a correlator runs now: the published set once anything is published (it replaces the files, see the
   * correlator's RulesFeed), else the repository's files.
   */
  async inForce(): Promise<RuleDocument[]> {
    await this.rulesTopic.caughtUp();
    return this.inForceNow();
  }

  private inForceNow(): RuleDocument[] {
    return this.published.size > 0 ? this.published.latestValues() : this.repositoryRules();
  }

  /** One rule's YAML as a candidate document, validated alone (a back-test validates it with the rules in force). */
  candidateDocument(yaml: string): RuleDocument {
    const rule = this.parseOneRule(yaml);
    return { ruleId: rule.id, version: rule.version, source: 'console', yaml: stringify(rule.value) };
  }

  /**
   * Validates one rule's YAML and publishes it as a new version; refuses a version not above the one in force.
   * The version goes into the rule history first (who, why, the back-test that vouched for it): a version is never
   * live without its record.
   */
  async publish(
    yaml: string,
    publishedBy: string,
    why: { reason?: string; backtest?: RuleBacktestSummary } = {},
  ): Promise<RuleSummary> {
    const rule = this.parseOneRule(yaml);
    const current = (await this.list()).find((entry) => entry.ruleId === rule.id);
    if (current && rule.version <= current.version)
      throw new ConsoleError(consoleErrorCodes.RULE_REJECTED, 'version must be raised', [
        `version: ${rule.version} is not above the version in force (${current.version})`,
      ]);
    const document = {
      ruleId: rule.id,
      version: rule.version,
      source: current?.source ?? 'console',
      yaml: stringify(rule.value),
    };
    return this.send(document, publishedBy, 'published', why);
  }

  /** Every version ever published, withdrawn or restored, oldest first. */
  history(ruleId?: string): Promise<RuleHistoryEntry[]> {
    return this.ruleHistory.list(ruleId);
  }

  /** Publishes a version from the history again (a withdrawn or replaced one), as it was. */
  async restore(ruleId: string, version: number, restoredBy: string, reason: string): Promise<RuleSummary> {
    const entry = await this.ruleHistory.version(ruleId, version);
    if (entry === undefined)
      throw new ConsoleError(consoleErrorCodes.NOT_FOUND, `${ruleId}@${version} is not in the rule history`);
    const document = { ruleId, version, source: entry.source, yaml: entry.yaml };
    this.validateWithRulesInForce(document, await this.inForce());
    return this.send(document, restoredBy, 'restored', { reason, backtest: entry.backtest });
  }

  private async send(
    document: RuleDocument,
    by: string,
    action: 'published' | 'restored',
    why: { reason?: string; backtest?: RuleBacktestSummary },
  ): Promise<RuleSummary> {
    const publishedAt = new Date().toISOString();
    // A correlator runs the published set alone once anything is published (the files only until then): the first
    // publication also publishes the repository rules in force, so the set it switches to is whole.
    const seeded =
      this.published.size === 0
        ? this.repositoryRules().filter((rule) => rule.ruleId !== document.ruleId)
        : [];
    await this.ruleHistory.record([
      ...seeded.map((rule) => ({
        ...rule,
        action: 'published' as const,
        at: publishedAt,
        actor: by,
        reason: `in force from the rule files when ${document.ruleId}@${document.version} was first published`,
      })),
      { ...document, action, at: publishedAt, actor: by, reason: why.reason ?? '', backtest: why.backtest },
    ]);
    const records = [...seeded, document].map((rule) => ({ ...rule, publishedAt, publishedBy: by }));
    const messages = records.map((rule) => ({ key: rule.ruleId, value: rulePublicationV1.serialize(rule) }));
    await this.rulesTopic.send(this.topic, messages);
    // Before the topic echoes them back.
    for (const message of messages) this.published.apply(message.key, message.value);
    const record = records[records.length - 1];
    this.logger.log({ msg: `rule ${action}`, ruleId: record.ruleId, version: record.version, by });
    return { ...record, ...describeRuleYaml(record.yaml), origin: 'published' };
  }

  private validateWithRulesInForce(document: RuleDocument, inForce: RuleDocument[]): void {
    try {
      ruleSetOfDocuments(overlayRuleDocuments(inForce, [document]));
    } catch (error) {
      if (isCorrelationError(error))
        throw new ConsoleError(consoleErrorCodes.RULE_REJECTED, 'invalid rule', error.problems);
      throw error;
    }
  }

  private parseOneRule(yaml: string): { id: string; version: number; value: Record<string, unknown> } {
    let value: unknown;
    try {
      value = parse(yaml);
    } catch (error) {
      throw new ConsoleError(consoleErrorCodes.RULE_REJECTED, 'not valid YAML', [(error as Error).message]);
    }
    if (Array.isArray(value) && value.length === 1) value = value[0];
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new ConsoleError(consoleErrorCodes.RULE_REJECTED, 'expected exactly one rule', [
        '(input): one YAML mapping with id, version, typology, severity, sequence',
      ]);
    // Validated within the set it joins: a rule may name rules it supersedes.
    const ruleId = String((value as { id?: unknown }).id ?? '');
    this.validateWithRulesInForce(
      { ruleId, version: 0, source: 'console', yaml: stringify(value) },
      this.inForceNow(),
    );
    const { id, version } = value as { id: string; version: number };
    return { id, version, value: value as Record<string, unknown> };
  }

  private repositoryRules(): RuleDocument[] {
    // The files do not change under a running process: validated once, on first use.
    if (!this.repository) {
      try {
        this.repository = splitRuleDocuments(readRuleSources(this.env.RULES_DIR));
      } catch (error) {
        this.logger.warn({ msg: 'repository rules unreadable', dir: this.env.RULES_DIR, error });
        this.repository = [];
      }
    }
    return this.repository;
  }
}
