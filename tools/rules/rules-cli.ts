/**
 * `npm run rules -- <command>`: manage the rule set the correlators run.
 *   validate [--dir rules]            validate the rule files as the correlator will
 *   diff     [--dir rules]            compare the files with the published rules
 *   publish  [--dir rules] [--by me]  publish new and updated rules (refuses a changed rule without a version bump)
 *   list                              the published rules
 *   withdraw <ruleId>                 remove a rule from the published set
 * Environment: KAFKA_BROKERS (else the local stack on KAFKA_PORT, 9092), VIGIL_TOPIC_PREFIX ('').
 */
import { parseArgs } from 'node:util';
import { rulePublicationV1, topicNames } from '@vigil/contracts';
import { createKafka } from '@vigil/kafka';
import { readPublishedRules } from './published-rules';
import { readRuleDocuments } from './rule-documents';
import { diffRules, type RuleChange } from './rules-diff';
import { localBrokers } from '../support/local-brokers';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    dir: { type: 'string', default: 'rules' },
    by: { type: 'string', default: process.env.USER ?? 'rules-cli' },
  },
});
const rulesTopic = topicNames(process.env.VIGIL_TOPIC_PREFIX ?? '').rules;
const kafka = createKafka(
  { clientId: 'vigil-rules-cli', brokers: localBrokers() },
  { error: (entry) => console.error(entry), warn: () => undefined, log: () => undefined }, // errors only
);

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
    case 'publish': {
      const changes = diffRules(readRuleDocuments(values.dir), await readPublishedRules(kafka, rulesTopic));
      const conflicts = changes.filter((change) => change.change === 'conflict');
      if (conflicts.length > 0) {
        for (const change of conflicts) console.error(describe(change));
        return 1;
      }
      const toPublish = changes.flatMap((change) =>
        change.change === 'added' || change.change === 'updated' ? [change] : [],
      );
      const publishedAt = new Date().toISOString();
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({
        topic: rulesTopic,
        acks: -1,
        messages: toPublish.map(({ rule }) => ({
          key: rule.ruleId,
          value: rulePublicationV1.serialize({ ...rule, publishedAt, publishedBy: values.by }),
        })),
      });
      await producer.disconnect();
      for (const change of toPublish) console.log(describe(change));
      console.log(`published ${toPublish.length} rule(s) to ${rulesTopic}`);
      return 0;
    }
    case 'list': {
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
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic: rulesTopic, acks: -1, messages: [{ key: ruleId, value: null }] });
      await producer.disconnect();
      console.log(`withdrew ${ruleId}`);
      return 0;
    }
    default:
      console.error(
        'usage: npm run rules -- validate | diff | publish | list | withdraw <ruleId> [--dir rules]',
      );
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  },
);
