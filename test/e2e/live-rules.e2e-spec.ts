import type { Kafka } from '@vigil/kafka';
import { rulePublicationV1, type AlertV1 } from '@vigil/contracts';
import { readRuleDocuments } from '../../tools/rules/rule-documents';
import { testKafka } from '../support/kafka-test-kit';
import { TestPipeline } from '../support/pipeline-kit';

function spywareSms(eventId: string, recipient: string) {
  return {
    eventId,
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
    sender: '77471234500',
    recipient,
    text: 'Phone controller: read her messages and track her location. Only 5000 tg',
  };
}

describe('live rule updates', () => {
  let kafka: Kafka;
  let pipeline: TestPipeline;

  beforeAll(async () => {
    kafka = testKafka();
    pipeline = new TestPipeline(kafka);
    await pipeline.createTopics();
  });

  afterAll(async () => {
    await pipeline.stopAll();
    await pipeline.deleteTopics();
  });

  it('applies a newly published rule version in the running correlator without a restart', async () => {
    await pipeline.start('ingest');
    const correlator = await pipeline.start('correlator');
    const producer = kafka.producer();
    await producer.connect();
    const forRecipient = (recipient: string) => (alerts: AlertV1[]) =>
      alerts.some((alert) => alert.entity === `msisdn:${recipient}` && alert.typology === 'spyware_offer');

    await producer.send({
      topic: pipeline.topics.sms,
      messages: [{ value: JSON.stringify(spywareSms('spy-1', '77011110001')) }],
    });
    const before = (await pipeline.waitForAlerts(forRecipient('77011110001'), 30_000)).find(
      (alert) => alert.entity === 'msisdn:77011110001',
    );
    expect(before).toMatchObject({ ruleId: 'spyware_offer', ruleVersion: 1, severity: 'low' });

    // Version 2 of the rule, as an analyst would publish it: same pattern, raised severity.
    const rule = readRuleDocuments('rules').find((document) => document.ruleId === 'spyware_offer')!;
    const yaml = rule.yaml
      .replace(/^version: 1$/m, 'version: 2')
      .replace(/^severity: low$/m, 'severity: high');
    expect(yaml).not.toEqual(rule.yaml);
    await producer.send({
      topic: pipeline.topics.rules,
      messages: [
        {
          key: rule.ruleId,
          value: rulePublicationV1.serialize({
            ...rule,
            version: 2,
            yaml,
            publishedAt: new Date().toISOString(),
            publishedBy: 'e2e',
          }),
        },
      ],
    });
    const deadline = Date.now() + 30_000;
    while ((await correlator.metric('vigil_correlator_rule_version', { rule: 'spyware_offer' })) !== 2) {
      if (Date.now() > deadline) throw new Error('rule version 2 not applied in 30 s');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }

    await producer.send({
      topic: pipeline.topics.sms,
      messages: [{ value: JSON.stringify(spywareSms('spy-2', '77011110002')) }],
    });
    const after = (await pipeline.waitForAlerts(forRecipient('77011110002'), 30_000)).find(
      (alert) => alert.entity === 'msisdn:77011110002',
    );
    await producer.disconnect();
    expect(after).toMatchObject({ ruleId: 'spyware_offer', ruleVersion: 2, severity: 'high' });
    expect(correlator.logs).toContain('rules applied');
  }, 120_000);
});
