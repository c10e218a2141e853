import type { Kafka } from '@vigil/kafka';
import { entityEventV1, sourceWatermarkV1 } from '@vigil/contracts';
import { CorrelationEngine, SourceWatermarks, loadRuleSet } from '@vigil/correlation';
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
   * partition, events in offset order with event time moved by the source watermarks among them (replays of a
   * source record skipped), then event time flushed past every window.
   */
  async referenceAlertIds(rulesDir = 'rules'): Promise<Set<string>> {
    const records = await readTopicsToEnd(this.kafka, [this.topics.entityEvents]);
    records.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
    const rules = loadRuleSet(rulesDir);
    const engines = new Map<number, { engine: CorrelationEngine; sources: SourceWatermarks }>();
    const ids = new Set<string>();
    for (const record of records) {
      let partition = engines.get(record.partition);
      if (!partition) {
        partition = {
          engine: new CorrelationEngine(rules, { selfWatermark: false }),
          sources: new SourceWatermarks(),
        };
        engines.set(record.partition, partition);
      }
      const { engine, sources } = partition;
      if (record.watermark) {
        const eventTimeMs = sources.apply(sourceWatermarkV1.deserialize(record.value));
        if (eventTimeMs > -Infinity)
          for (const alert of engine.advanceEventTime(eventTimeMs).alerts) ids.add(alert.alertId);
        continue;
      }
      const event = entityEventV1.deserialize(record.value);
      if (
        event.sourcePartition !== undefined &&
        sources.isReplay(event.sourceTopic, event.sourcePartition, Number(event.sourceOffset))
      )
        continue;
      for (const alert of engine.process(event).alerts) ids.add(alert.alertId);
    }
    const farFuture = Date.now() + 365 * 24 * 3_600_000;
    for (const { engine } of engines.values())
      for (const alert of engine.advanceEventTime(farFuture).alerts) ids.add(alert.alertId);
    return ids;
  }
}
