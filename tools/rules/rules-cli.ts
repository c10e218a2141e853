/**
 * `npm run rules -- <command>`: manage the rule set the correlators run.
 *   validate [--dir rules]                 validate the rule files as the correlator will
 *   diff     [--dir rules]                 compare the files with the published rules
 *   backtest <file|dir> [--from 7d | --from ISO --to ISO] [--against live|<ruleId@version,…>|<file|dir>]
 *            [--warmup 30d] [--all-rules] [--json]
 *                                          what the candidate rules would have changed over stored history (only
 *                                          the rules a change can affect are replayed; --all-rules replays all)
 *   publish  [--dir rules] [--by me] [--reason why] [--backtest 7d]
 *                                          publish new and updated rules (refuses a changed rule without a version
 *                                          bump); each version goes into the rule history, with its back-test
 *   list     [--history] [ruleId]          the published rules, or every version ever published
 *   withdraw <ruleId> [--by me] [--reason why]          remove a rule from the published set
 *   restore  <ruleId>@<version> [--by me] [--reason why] publish a version from the history again
 * Environment: KAFKA_BROKERS (else the local stack on KAFKA_PORT, 9092), VIGIL_TOPIC_PREFIX (''), CLICKHOUSE_URL,
 * CLICKHOUSE_DATABASE (vigil), CLICKHOUSE_USER/PASSWORD, CLICKHOUSE_CLUSTER.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { RuleBacktestSummary, RuleHistoryEntry } from '@vigil/analytics';
import {
  backtestRules,
  formatBacktestReport,
  overlayRuleDocuments,
  ruleSetOfDocuments,
  summarizeBacktest,
  type BacktestProgress,
  type RuleDocument,
} from '@vigil/backtest';
import { rulePublicationV1, topicNames } from '@vigil/contracts';
import { parseDurationMs } from '@vigil/correlation';
import { createKafka } from '@vigil/kafka';
import { backtestRange } from './backtest-range';
import { readPublishedRules } from './published-rules';
import { readRuleDocuments, readRuleDocumentsAt } from './rule-documents';
import { diffRules, type RuleChange } from './rules-diff';
import { loadRulesEnv } from './rules-env';
import { RulesStore } from './rules-store';
import { localBrokers } from '../support/local-brokers';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    dir: { type: 'string', default: 'rules' },
    by: { type: 'string', default: process.env.USER ?? 'rules-cli' },
    reason: { type: 'string', default: '' },
    from: { type: 'string', default: '7d' },
    to: { type: 'string' },
    against: { type: 'string', default: 'live' },
    warmup: { type: 'string', default: '30d' },
    backtest: { type: 'string' },
    history: { type: 'boolean', default: false },
    'all-rules': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const env = loadRulesEnv(process.env);
const rulesTopic = topicNames(env.VIGIL_TOPIC_PREFIX).rules;
const kafka = createKafka(
  { clientId: 'vigil-rules-cli', brokers: localBrokers() },
  { error: (entry) => console.error(entry), warn: () => undefined, log: () => undefined }, // errors only
);
const store = new RulesStore(env);

function describe(change: RuleChange): string {
  switch (change.change) {
    case 'added':
      return `+ ${change.rule.ruleId}@${change.rule.version} (new)`;
    case 'updated':
      return `~ ${change.rule.ruleId}@${change.publishedVersion} -> @${change.rule.version}`;
    case 'unchanged':
      return `  ${change.rule.ruleId}@${change.rule.version}`;
    case 'removed':
      return `- ${change.ruleId}@${change.publishedVersion} (published, not in files; withdraw to remove)`;
    case 'conflict':
      return `! ${change.rule.ruleId}@${change.rule.version}: ${change.reason}`;
  }
}

/** The rules in force: the published set, or the repository's rule files until something is published. */
async function liveDocuments(): Promise<RuleDocument[]> {
  const published = await readPublishedRules(kafka, rulesTopic);
  return published.size > 0 ? [...published.values()] : readRuleDocuments(values.dir);
}

/** `live`, versions from the history over the live set (`id@3,other@1`), or rule files over the live set. */
async function baselineDocuments(against: string): Promise<RuleDocument[]> {
  const live = await liveDocuments();
  if (against === 'live') return live;
  if (existsSync(against)) return overlayRuleDocuments(live, readRuleDocumentsAt(against));
  const versions: RuleDocument[] = [];
  for (const named of against.split(',')) {
    const entry = await store.history().version(...parseRuleVersion(named));
    if (entry === undefined) throw new Error(`--against: ${named} is not in the rule history`);
    versions.push(entry);
  }
  return overlayRuleDocuments(live, versions);
}

function parseRuleVersion(text: string): [string, number] {
  const match = /^([a-z][a-z0-9_]*)@(\d+)$/.exec(text);
  if (match === null) throw new Error(`expected <ruleId>@<version>, got ${JSON.stringify(text)}`);
  return [match[1], Number(match[2])];
}

function progressPrinter(): (progress: BacktestProgress) => void {
  let lastPercent = -1;
  return (progress) => {
    const percent = Math.floor(progress.fraction * 100);
    if (percent === lastPercent || values.json) return;
    lastPercent = percent;
    process.stderr.write(
      `\r${progress.phase === 'warmup' ? 'warming contact memory' : 'back-testing'} ` +
        `${new Date(progress.readUpToMs).toISOString()} ${percent} % (${progress.eventsRead} events)  `,
    );
    if (progress.fraction >= 1) process.stderr.write('\n');
  };
}

async function backtest(candidate: RuleDocument[], from: string, to?: string, against = 'live') {
  return backtestRules(store.backtestStore(), {
    candidate,
    baseline: await baselineDocuments(against),
    against,
    range: backtestRange(from, to),
    warmupMs: parseDurationMs(values.warmup),
    rerun: values['all-rules'] ? 'all' : 'affected',
    onProgress: progressPrinter(),
  });
}

async function publish(documents: RuleDocument[]): Promise<void> {
  const publishedAt = new Date().toISOString();
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({
    topic: rulesTopic,
    acks: -1,
    messages: documents.map((rule) => ({
      key: rule.ruleId,
      value: rulePublicationV1.serialize({ ...rule, publishedAt, publishedBy: values.by }),
    })),
  });
  await producer.disconnect();
}

function historyEntry(
  rule: RuleDocument,
  action: RuleHistoryEntry['action'],
  backtestSummary?: RuleBacktestSummary,
): RuleHistoryEntry {
  return {
    ...rule,
    action,
    at: new Date().toISOString(),
    actor: values.by,
    reason: values.reason,
    backtest: backtestSummary,
  };
}

function describeEntry(entry: RuleHistoryEntry): string {
  const test = entry.backtest;
  const tested = test
    ? `  back-tested by ${test.by} over ${test.from}..${test.to} against ${test.against}: ` +
      `+${test.added} -${test.removed} =${test.common}`
    : '';
  return (
    `${entry.at}  ${entry.action.padEnd(9)} ${`${entry.ruleId}@${entry.version}`.padEnd(36)} by ${entry.actor}` +
    `${entry.reason ? `: ${entry.reason}` : ''}${tested}`
  );
}

async function main(): Promise<number> {
  switch (positionals[0]) {
    case 'validate': {
      const documents = readRuleDocuments(values.dir);
      for (const rule of documents) console.log(`ok ${rule.ruleId}@${rule.version} (${rule.source})`);
      console.log(`${documents.length} rules valid`);
      return 0;
    }
    case 'diff': {
      const changes = diffRules(readRuleDocuments(values.dir), await readPublishedRules(kafka, rulesTopic));
      for (const change of changes) console.log(describe(change));
      return changes.some((change) => change.change === 'conflict') ? 1 : 0;
    }
    case 'backtest': {
      const path = positionals[1];
      if (!path) throw new Error('backtest needs a rule file or directory');
      const report = await backtest(readRuleDocumentsAt(path), values.from, values.to, values.against);
      console.log(values.json ? JSON.stringify(report, null, 2) : formatBacktestReport(report));
      return 0;
    }
    case 'publish': {
      const changes = diffRules(readRuleDocuments(values.dir), await readPublishedRules(kafka, rulesTopic));
      const conflicts = changes.filter((change) => change.change === 'conflict');
      if (conflicts.length > 0) {
        for (const change of conflicts) console.error(describe(change));
        return 1;
      }
      const toPublish = changes.flatMap((change) =>
        change.change === 'added' || change.change === 'updated' ? [change.rule] : [],
      );
      let summary: RuleBacktestSummary | undefined;
      if (values.backtest !== undefined && toPublish.length > 0) {
        const report = await backtest(toPublish, values.backtest);
        console.log(formatBacktestReport(report));
        summary = summarizeBacktest(report, values.by);
      }
      // The history first: a version is never live without its record.
      await store.history().record(toPublish.map((rule) => historyEntry(rule, 'published', summary)));
      await publish(toPublish);
      for (const change of changes) if (change.change !== 'unchanged') console.log(describe(change));
      console.log(`published ${toPublish.length} rule(s) to ${rulesTopic}`);
      return 0;
    }
    case 'list': {
      if (values.history) {
        for (const entry of await store.history().list(positionals[1])) console.log(describeEntry(entry));
        return 0;
      }
      for (const rule of (await readPublishedRules(kafka, rulesTopic)).values()) {
        console.log(
          `${rule.ruleId}@${rule.version}  ${rule.source}  ${rule.publishedAt}  ${rule.publishedBy ?? ''}`,
        );
      }
      return 0;
    }
    case 'withdraw': {
      const ruleId = positionals[1];
      if (!ruleId) throw new Error('withdraw needs a rule id');
      const current = (await readPublishedRules(kafka, rulesTopic)).get(ruleId);
      if (current === undefined) throw new Error(`${ruleId} is not published`);
      await store.history().record([historyEntry({ ...current, yaml: '' }, 'withdrawn')]);
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic: rulesTopic, acks: -1, messages: [{ key: ruleId, value: null }] });
      await producer.disconnect();
      console.log(`withdrew ${ruleId}@${current.version}`);
      return 0;
    }
    case 'restore': {
      const [ruleId, version] = parseRuleVersion(positionals[1] ?? '');
      const entry = await store.history().version(ruleId, version);
      if (entry === undefined) throw new Error(`${ruleId}@${version} is not in the rule history`);
      const document: RuleDocument = { ruleId, version, source: entry.source, yaml: entry.yaml };
      // Validated as the correlator will before it goes out, alone and with the rules in force.
      ruleSetOfDocuments(overlayRuleDocuments(await liveDocuments(), [document]));
      await store.history().record([historyEntry(document, 'restored', entry.backtest)]);
      await publish([document]);
      console.log(`restored ${ruleId}@${version}`);
      return 0;
    }
    default:
      console.error(
        'usage: npm run rules -- validate | diff | backtest <file|dir> | publish | list [--history] | ' +
          'withdraw <ruleId> | restore <ruleId>@<version> [--dir rules]',
      );
      return 2;
  }
}

main()
  .finally(() => store.close())
  .then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error((error as Error).message);
      process.exit(1);
    },
  );
