import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  Logger,
  Post,
  Res,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { API_KEY_REGISTRY, CONSOLE_ENV, SESSION_COOKIE, SESSION_TOKENS } from '../console.constants';
import type { ConsoleEnv } from '../console.config';
import { consoleMetrics } from '../console.metrics';
import { parseInput } from '../http/parse-input';
import type { ApiKeyRegistry } from './api-key-registry';
import { PublicRoute } from './auth.decorators';
import { CurrentSession } from './current-session.decorator';
import type { Session, SessionTokens } from './session-tokens';
import { ApiJsonBody } from '../api/api-docs.decorators';

const signInBody = z.object({ apiKey: z.string().min(16).max(256) }).strict();

/** What a sign-in returns: the same token is set as the httpOnly cookie. */
export interface SignInResult {
  token: string;
  expiresAt: string;
  name: string;
  role: string;
}

/** Exchanges an API key for a signed, expiring session token (cookie for the browser, bearer for scripts). */
@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  private readonly logger = new Logger(AuthController.name);

  constructor(
    @Inject(API_KEY_REGISTRY) private readonly keys: ApiKeyRegistry,
    @Inject(SESSION_TOKENS) private readonly tokens: SessionTokens,
    @Inject(CONSOLE_ENV) private readonly env: ConsoleEnv,
  ) {}

  @Post('session')
  @PublicRoute()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Sign in with an API key; sets the httpOnly session cookie and returns the bearer token',
  })
  @ApiJsonBody(signInBody)
  signIn(@Body() body: unknown, @Res({ passthrough: true }) response: Response): SignInResult {
    const { apiKey } = parseInput(signInBody, body);
    const principal = this.keys.authenticate(apiKey);
    if (!principal) {
      consoleMetrics.signIns.inc({ outcome: 'refused' });
      this.logger.warn({ msg: 'sign-in refused' });
      throw new UnauthorizedException('unknown API key');
    }
    const { token, expiresAt } = this.tokens.issue(principal);
    response.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict', // the cookie never rides on a cross-site request: no CSRF on the mutating routes
      secure: this.env.CONSOLE_SECURE_COOKIE,
      path: '/',
      expires: new Date(expiresAt),
    });
    consoleMetrics.signIns.inc({ outcome: 'accepted' });
    this.logger.log({ msg: 'signed in', user: principal.name, role: principal.role });
    return {
      token,
      expiresAt: new Date(expiresAt).toISOString(),
      name: principal.name,
      role: principal.role,
    };
  }

  @Get('session')
  @ApiBearerAuth()
  @ApiCookieAuth(SESSION_COOKIE)
  @ApiOperation({ summary: 'The current session (who, which role, until when)' })
  current(@CurrentSession() session: Session): { name: string; role: string; expiresAt: string } {
    return { name: session.name, role: session.role, expiresAt: new Date(session.expiresAt).toISOString() };
  }

  @Delete('session')
  @ApiBearerAuth()
  @ApiCookieAuth(SESSION_COOKIE)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Sign out: clears the session cookie' })
  signOut(@Res({ passthrough: true }) response: Response): void {
    response.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict' });
  }
}
