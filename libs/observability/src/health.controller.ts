import { Controller, Get, HttpCode, HttpStatus, Res } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ReadinessRegistry } from './readiness';

/** Liveness (the process answers) and readiness (every registered dependency check passes). */
@Controller('health')
export class HealthController {
  constructor(
    private readonly readiness: ReadinessRegistry,
    // Answered through the adapter: services run on Express or on Fastify (the scam signal).
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  @Get('live')
  @HttpCode(HttpStatus.OK)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res() response: unknown): Promise<void> {
    const result = await this.readiness.evaluate();
    this.adapterHost.httpAdapter.reply(
      response,
      result,
      result.ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE,
    );
  }
}
