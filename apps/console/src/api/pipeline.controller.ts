import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentSession } from '../auth/current-session.decorator';
import { roleAllows } from '../auth/console-role';
import type { Session } from '../auth/session-tokens';
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
  async health(@CurrentSession() session: Session): Promise<PipelineHealth> {
    const health = await this.pipeline.health();
    if (roleAllows(session.role, 'admin')) return health;
    // Internal addresses help an attacker map the network and tell an analyst nothing they act on.
    const { upstream: _upstream, ...liveFeed } = health.liveFeed;
    return { ...health, liveFeed };
  }
}
