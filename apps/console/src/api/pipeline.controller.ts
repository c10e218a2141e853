import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PipelineHealthService } from '../pipeline/pipeline-health.service';
import type { PipelineHealth } from '../pipeline/pipeline-health.types';
import { ApiSession } from './api-docs.decorators';

/** Pipeline health: consumer-group lag and throughput per service, and the live feed's connection. */
@ApiTags('pipeline')
@ApiSession()
@Controller('api/pipeline')
export class PipelineController {
  constructor(private readonly pipeline: PipelineHealthService) {}

  @Get('health')
  @ApiOperation({
    summary: 'Consumer lag and throughput of ingest, correlator, alert router and analytics sink',
  })
  health(): Promise<PipelineHealth> {
    return this.pipeline.health();
  }
}
