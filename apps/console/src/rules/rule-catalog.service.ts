import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Kafka, Producer } from '@vigil/kafka';
import { parse, stringify } from 'yaml';
import { rulePublicationV1, topicNames } from '@vigil/contracts';
import { isCorrelationError, parseRuleSet } from '@vigil/correlation';
import { readRuleDocuments, type RuleDocument } from '../../../../tools/rules/rule-documents';
import { CONSOLE_ENV, CONSOLE_KAFKA } from '../console.constants';
import type { ConsoleEnv } from '../console.config';
import { ConsoleError, consoleErrorCodes } from '../http/console.errors';
import { PublishedRulesFollower } from './published-rules.follower';
import { describeRuleYaml, type RuleSummary } from './rule-summary';

/** How long a rules listing waits for the follower's first catch-up before answering with what it has. */
const CATCH_UP_WAIT_MS = 5_000;

/**
 * The rule set in force (published versions over the repository's files) and publishing a new version: the
 * same record the rules CLI writes (`rulePublicationV1`, key = rule id), validated as the correlator will.
 */
@Injectable()
export class RuleCatalogService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RuleCatalogService.name);
  private readonly follower: PublishedRulesFollower;
  private readonly topic: string;
  private started?: Promise<void>;
  private producer?: Producer;
  private repository?: RuleDocument[];

  constructor(
    @Inject(CONSOLE_ENV) private readonly env: ConsoleEnv,
    @Inject(CONSOLE_KAFKA) private readonly kafka: Kafka,
  ) {
    this.topic = topicNames(env.VIGIL_TOPIC_PREFIX).rules;
    this.follower = new PublishedRulesFollower(kafka, this.topic);
  }

  onModuleInit(): void {
    // In the background: the console serves dashboards even while Kafka is unreachable.
    this.started = this.follower.start().catch((error: unknown) => {
      this.logger.warn({ msg: 'rules topic unavailable', topic: this.topic, error });
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.follower.stop().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
  }

  /** Every rule in force, published versions first-class, repository rules where nothing was published. */
  async list(): Promise<RuleSummary[]> {
    await Promise.race([this.started, new Promise((resolve) => setTimeout(resolve, CATCH_UP_WAIT_MS))]);
    const published = this.follower.rules();
    const summaries: RuleSummary[] = [...published.values()].map((rule) => ({
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
      if (published.has(rule.ruleId)) continue;
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

  /** Validates one rule's YAML and publishes it as a new version; refuses a version not above the one in force. */
  async publish(yaml: string, publishedBy: string): Promise<RuleSummary> {
    const rule = this.parseOneRule(yaml);
    const current = (await this.list()).find((entry) => entry.ruleId === rule.id);
    if (current && rule.version <= current.version)
      throw new ConsoleError(consoleErrorCodes.RULE_REJECTED, 'version must be raised', [
        `version: ${rule.version} is not above the version in force (${current.version})`,
      ]);
    const record = {
      ruleId: rule.id,
      version: rule.version,
      source: current?.source ?? 'console',
      yaml: stringify(rule.value),
      publishedAt: new Date().toISOString(),
      publishedBy,
    };
    const value = rulePublicationV1.serialize(record);
    const producer = await this.connectedProducer();
    await producer.send({ topic: this.topic, acks: -1, messages: [{ key: record.ruleId, value }] });
    this.follower.accept(record.ruleId, value);
    this.logger.log({ msg: 'rule published', ruleId: record.ruleId, version: record.version, publishedBy });
    return { ...record, ...describeRuleYaml(record.yaml), origin: 'published' };
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
    try {
      parseRuleSet([{ path: 'console', content: stringify(value) }]);
    } catch (error) {
      if (isCorrelationError(error))
        throw new ConsoleError(consoleErrorCodes.RULE_REJECTED, 'invalid rule', error.problems);
      throw error;
    }
    const { id, version } = value as { id: string; version: number };
    return { id, version, value: value as Record<string, unknown> };
  }

  private repositoryRules(): RuleDocument[] {
    // The files do not change under a running process: validated once, on first use.
    if (!this.repository) {
      try {
        this.repository = readRuleDocuments(this.env.RULES_DIR);
      } catch (error) {
        this.logger.warn({ msg: 'repository rules unreadable', dir: this.env.RULES_DIR, error });
        this.repository = [];
      }
    }
    return this.repository;
  }

  private async connectedProducer(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.kafka.producer();
      await producer.connect();
      this.producer = producer;
    }
    return this.producer;
  }
}
