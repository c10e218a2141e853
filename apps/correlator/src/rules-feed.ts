import { Logger } from '@nestjs/common';
import { RulePublications } from '@vigil/contracts';
import { loadRuleSet, parseRuleSet, type RuleSet } from '@vigil/correlation';
import { CompactedTopicReader, type Kafka } from '@vigil/kafka';
import { randomUUID } from 'node:crypto';
import { correlatorMetrics } from './correlator.metrics';

/**
 * The rules in force, live: the compacted rules topic read from the beginning by a consumer in a group of its own
 * (every instance sees every rule). Until a rule is published the repository's rule files apply. A published set
 * that fails validation is logged and counted, and the previous set stays in force.
 */
export class RulesFeed {
  private readonly logger = new Logger(RulesFeed.name);
  private readonly published = new RulePublications();
  private reader?: CompactedTopicReader;
  private current: RuleSet;
  private readonly listeners: ((rules: RuleSet) => void)[] = [];

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    private readonly fallbackDir: string,
  ) {
    this.current = loadRuleSet(fallbackDir);
  }

  get rules(): RuleSet {
    return this.current;
  }

  onChange(listener: (rules: RuleSet) => void): void {
    this.listeners.push(listener);
  }

  /** Starts following the topic; resolves once everything published before the call has been applied. */
  async start(): Promise<void> {
    this.reader = new CompactedTopicReader(this.kafka, {
      topic: this.topic,
      groupId: `vigil-rules-reader-${randomUUID()}`,
      maxWaitTimeInMs: 250,
      onRecord: ({ key, value }) => this.accept(key, value),
      onBatchEnd: () => this.rebuild(),
    });
    await this.reader.start();
  }

  async stop(): Promise<void> {
    await this.reader?.stop();
  }

  private accept(ruleId: string | null, value: Buffer | null): void {
    try {
      this.published.applyRecord(ruleId, value);
    } catch (error) {
      correlatorMetrics.ruleUpdatesRejected.inc();
      this.logger.error({
        msg: 'unreadable rule publication ignored',
        ruleId,
        error: (error as Error).message,
      });
    }
  }

  private rebuild(): void {
    if (this.published.size === 0) return;
    let next: RuleSet;
    try {
      next = parseRuleSet(
        [...this.published.values()].map((rule) => ({
          path: `${this.topic}/${rule.source}`,
          content: rule.yaml,
        })),
      );
    } catch (error) {
      correlatorMetrics.ruleUpdatesRejected.inc();
      this.logger.error({
        msg: 'published rule set rejected; previous rules stay in force',
        error: (error as Error).message,
      });
      return;
    }
    this.current = next;
    correlatorMetrics.ruleVersions.reset();
    for (const { id, version } of next.versions()) correlatorMetrics.ruleVersions.set({ rule: id }, version);
    this.logger.log({
      msg: 'rules applied',
      rules: next.versions().map(({ id, version }) => `${id}@${version}`),
    });
    for (const listener of this.listeners) listener(next);
  }
}
