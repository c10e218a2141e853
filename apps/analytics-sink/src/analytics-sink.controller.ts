import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { AnalyticsSink } from '@vigil/analytics';
import {
  ALERTS_TOPIC,
  BLOCKLIST_PROPOSALS_TOPIC,
  ENTITY_EVENTS_TOPIC,
  NETWORK_FINDINGS_TOPIC,
} from '@vigil/contracts';
import type { PartitionBatch } from '@vigil/kafka';
import { ANALYTICS_SINK } from './analytics-sink.constants';

/** Hands each batch to the sink core; the batch is committed once its rows are in ClickHouse. */
@Controller()
export class AnalyticsSinkController {
  constructor(@Inject(ANALYTICS_SINK) private readonly sink: AnalyticsSink) {}

  @EventPattern(ENTITY_EVENTS_TOPIC)
  onEntityEvents(@Payload() batch: PartitionBatch): Promise<void> {
    return this.sink.handleEntityEvents(batch);
  }

  @EventPattern(ALERTS_TOPIC)
  onAlerts(@Payload() batch: PartitionBatch): Promise<void> {
    return this.sink.handleAlerts(batch);
  }

  @EventPattern(NETWORK_FINDINGS_TOPIC)
  onNetworkFindings(@Payload() batch: PartitionBatch): Promise<void> {
    return this.sink.handleNetworkFindings(batch);
  }

  @EventPattern(BLOCKLIST_PROPOSALS_TOPIC)
  onBlocklistProposals(@Payload() batch: PartitionBatch): Promise<void> {
    return this.sink.handleBlocklistProposals(batch);
  }
}
