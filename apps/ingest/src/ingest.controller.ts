import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CALLS_TOPIC, type InputTopic, PAYMENTS_TOPIC, SMS_TOPIC, type TopicNames } from '@vigil/contracts';
import type { IngestProcessor, SourceProgress } from '@vigil/ingest';
import {
  COALESCING_PRODUCER,
  type CoalescingProducer,
  type PartitionBatch,
  type Message,
} from '@vigil/kafka';
import { INGEST_PROCESSOR, SOURCE_PROGRESS, TOPICS } from './ingest.constants';
import { ingestMetrics } from './ingest.metrics';

/** Turns each batch of an operator feed into entity events; the batch is committed once they are durable. */
@Controller()
export class IngestController {
  constructor(
    @Inject(INGEST_PROCESSOR) private readonly processor: IngestProcessor,
    @Inject(COALESCING_PRODUCER) private readonly producer: CoalescingProducer,
    @Inject(TOPICS) private readonly topics: TopicNames,
    @Inject(SOURCE_PROGRESS) private readonly progress: SourceProgress,
  ) {}

  @EventPattern(SMS_TOPIC)
  onSms(@Payload() batch: PartitionBatch): Promise<void> {
    return this.ingest(SMS_TOPIC, batch);
  }

  @EventPattern(CALLS_TOPIC)
  onCalls(@Payload() batch: PartitionBatch): Promise<void> {
    return this.ingest(CALLS_TOPIC, batch);
  }

  @EventPattern(PAYMENTS_TOPIC)
  onPayments(@Payload() batch: PartitionBatch): Promise<void> {
    return this.ingest(PAYMENTS_TOPIC, batch);
  }

  private async ingest(topic: InputTopic, batch: PartitionBatch): Promise<void> {
    const messages: Message[] = [];
    const producedByKind = new Map<string, number>();
    let duplicates = 0;
    let latestExistsAtMs: number | null = null;
    for (const record of batch.records) {
      const outcome = this.processor.process(topic, record.value);
      if (outcome.type === 'produced') {
        if (latestExistsAtMs === null || outcome.existsAtMs > latestExistsAtMs)
          latestExistsAtMs = outcome.existsAtMs;
        for (const event of outcome.records) {
          // Where the raw record was read: the correlator tells a record an ingest replay made again from a new one.
          event.value.sourcePartition = batch.partition;
          event.value.sourceOffset = record.offset;
          // Built to the contract by @vigil/ingest (its tests validate every kind against the schema); re-validating
          // 2.4 events per raw record here would cost a fifth of the service's CPU.
          messages.push({ key: event.key, value: JSON.stringify(event.value) });
          producedByKind.set(event.value.kind, (producedByKind.get(event.value.kind) ?? 0) + 1);
        }
      } else if (outcome.type === 'duplicate') {
        duplicates += 1;
      } else {
        batch.deadLetter(record, { reasonCode: outcome.rejection.code, reason: outcome.rejection.reason });
        ingestMetrics.rejected.inc({ topic, reason: outcome.rejection.code });
      }
    }
    // Batches of one fetch are handled concurrently: their entity events share produce requests.
    await this.producer.send(this.topics.entityEvents, messages);
    // Only now may a watermark vouch for these records: their entity events are durable.
    const last = batch.records[batch.records.length - 1];
    this.progress.batchDone(
      topic,
      batch.partition,
      Number(last.offset) + 1,
      Number(batch.highWatermark),
      latestExistsAtMs,
      Date.now(),
    );
    // Counted per batch, not per event: a labelled counter increment is not free at 50,000 events/s.
    for (const [kind, count] of producedByKind) ingestMetrics.entityEventsOut.inc({ topic, kind }, count);
    ingestMetrics.eventsIn.inc({ topic }, batch.records.length);
    if (duplicates > 0) ingestMetrics.duplicates.inc({ topic }, duplicates);
    const oldest = Number(batch.records[0].timestamp);
    ingestMetrics.processingLag.observe({ topic }, Math.max(0, (Date.now() - oldest) / 1000));
  }
}
