import { Body, Controller, HttpCode, Inject, Post, Req, UseGuards } from '@nestjs/common';
import { AccessTokenGuard } from '../auth/access-token.guard';
import type { SignalRequest } from '../auth/authenticated-client';
import { ClientRateGuard } from '../http/rate-limit.guards';
import { signalMetrics } from '../signal.metrics';
import { parseCheckRequest } from './check-request';
import type { CheckResponse } from './check-response';
import { ScamSignalService } from './scam-signal.service';

/** CAMARA-style scam signal: "is this subscriber inside a scam right now?" (apps/signal/openapi.yaml). */
@Controller('scam-signal/v1')
// Authentication first: the rate limit is per client, so it needs to know who asks.
@UseGuards(AccessTokenGuard, ClientRateGuard)
export class ScamSignalController {
  constructor(@Inject(ScamSignalService) private readonly signal: ScamSignalService) {}

  @Post('check')
  @HttpCode(200)
  check(@Req() request: SignalRequest, @Body() body: unknown): CheckResponse {
    const stopTimer = signalMetrics.checkSeconds.startTimer();
    try {
      return this.signal.check(request.signalClient!, parseCheckRequest(body));
    } finally {
      stopTimer();
    }
  }
}
