import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ENTITY_EVENTS_TOPIC } from '@vigil/contracts';
import type { PartitionBatch } from '@vigil/kafka';
import { PartitionRegistry } from './partition-registry';

/** Hands each batch of entity events to the worker of its partition. */
@Controller()
export class CorrelatorController {
  constructor(@Inject(PartitionRegistry) private readonly partitions: PartitionRegistry) {}

  @EventPattern(ENTITY_EVENTS_TOPIC)
  onEntityEvents(@Payload() batch: PartitionBatch): Promise<void> {
    return this.partitions.handleBatch(batch);
  }
}
