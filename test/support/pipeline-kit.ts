import type { Kafka } from 'kafkajs';
import { entityEventV1 } from '@vigil/contracts';
import { CorrelationEngine, loadRuleSet } from '@vigil/correlation';
import { readTopicsToEnd } from '../../tools/support/kafka-topic-reader';
import { LocalPipeline } from '../../tools/support/local-pipeline';
import { uniqueTestName } from './test-names';

/** A LocalPipeline on a test's own random topics, with the reference an uninterrupted correlator would give. */
export class TestPipeline extends LocalPipeline {
  constructor(kafka: Kafka, partitions = 4) {
    super(kafka, `${uniqueTestName('e2e')}.`, partitions);
  }

  /**
   * The alert ids an uninterrupted correlator produces from the entity events now in the topic: one engine per
   * partition, events in offset order, then event time flushed past every window.
   */
  async referenceAlertIds(rulesDir = 'rules'): Promise<Set<string>> {
    const records = await readTopicsToEnd(this.kafka, [this.topics.entityEvents]);
    records.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
    const rules = loadRuleSet(rulesDir);
    const engines = new Map<number, CorrelationEngine>();
    const ids = new Set<string>();
    for (const record of records) {
      let engine = engines.get(record.partition);
      if (!engine) engines.set(record.partition, (engine = new CorrelationEngine(rules)));
      for (const alert of engine.process(entityEventV1.deserialize(record.value)).alerts)
        ids.add(alert.alertId);
    }
    const farFuture = Date.now() + 365 * 24 * 3_600_000;
    for (const engine of engines.values()) {
      engine.advanceWatermark(farFuture); // anchors the idle clock
      for (const alert of engine.advanceWatermark(farFuture + 24 * 3_600_000).alerts) ids.add(alert.alertId);
    }
    return ids;
  }
}
