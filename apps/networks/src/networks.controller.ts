import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ALERTS_TOPIC, ENTITY_EVENTS_TOPIC, NETWORK_OBSERVATIONS_TOPIC } from '@vigil/contracts';
import type { PartitionBatch } from '@vigil/kafka';
import { DetectionService } from './detection.service';
import { DETECTION_TRANSPORT } from './networks.constants';
import { RepartitionService } from './repartition.service';

/**
 * Hands alert and entity-event batches (the repartition consumer) to the repartition step, and observation batches
 * (the detection consumer, its own group) to the detection stage.
 */
@Controller()
export class NetworksController {
  constructor(
    @Inject(RepartitionService) private readonly repartition: RepartitionService,
    @Inject(DetectionService) private readonly detection: DetectionService,
  ) {}

  @EventPattern(ALERTS_TOPIC)
  onAlerts(@Payload() batch: PartitionBatch): Promise<void> {
    return this.repartition.onAlerts(batch);
  }

  @EventPattern(ENTITY_EVENTS_TOPIC)
  onEntityEvents(@Payload() batch: PartitionBatch): Promise<void> {
    return this.repartition.onEntityEvents(batch);
  }

  @EventPattern(NETWORK_OBSERVATIONS_TOPIC, DETECTION_TRANSPORT)
  onObservations(@Payload() batch: PartitionBatch): Promise<void> {
    return this.detection.onObservations(batch);
  }
}
