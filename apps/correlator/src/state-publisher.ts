import type { Message, Producer } from 'kafkajs';
import { alertV1, type AlertV1 } from '@vigil/contracts';
import type { CorrelationEngine } from '@vigil/correlation';
import { sendInChunks } from '@vigil/kafka';
import { PROGRESS_KEY } from './correlator.constants';
import { correlatorMetrics } from './correlator.metrics';
import { encodeProgress } from './partition-progress';

/**
 * Makes a partition's results durable in the order the recovery argument needs: alerts first, then the changed
 * entity states with the progress record in one produce to the co-partitioned changelog. A crash between the two
 * replays the input and re-emits the same alert ids; a crash after both skips what the changelog covers.
 */
export class StatePublisher {
  constructor(
    private readonly producer: Producer,
    private readonly topics: { alerts: string; changelog: string },
  ) {}

  /**
   * @param coveredOffset last input offset whose effects the engine holds (null before the first batch)
   * @param inputAdvanced whether `coveredOffset` moved since the last publish (a watermark tick does not move it)
   */
  async publish(
    partition: number,
    engine: CorrelationEngine,
    alerts: readonly AlertV1[],
    coveredOffset: string | null,
    inputAdvanced: boolean,
  ): Promise<void> {
    if (alerts.length > 0) {
      await sendInChunks(
        this.producer,
        this.topics.alerts,
        alerts.map((alert) => ({ key: alert.entity, value: alertV1.serialize(alert) })),
      );
      for (const alert of alerts)
        correlatorMetrics.alerts.inc({ typology: alert.typology, stage: alert.stage });
    }
    const dirty = engine.takeDirtyEntities();
    if (dirty.length === 0 && !inputAdvanced) return;
    const messages: Message[] = [];
    let bytes = 0;
    for (const entity of dirty) {
      const state = engine.snapshotEntity(entity) ?? null;
      bytes += state?.length ?? 0;
      messages.push({ key: entity, value: state, partition });
    }
    const { maxEventTimeMs } = engine.progress();
    messages.push({
      key: PROGRESS_KEY,
      partition,
      value: encodeProgress({
        inputOffset: coveredOffset,
        maxEventTimeMs: Number.isFinite(maxEventTimeMs) ? maxEventTimeMs : null,
      }),
    });
    // One produce per chunk to one partition: the progress record is last, so it is never durable before the
    // entity states it vouches for.
    await sendInChunks(this.producer, this.topics.changelog, messages);
    correlatorMetrics.changelogBytes.inc(bytes);
  }
}
