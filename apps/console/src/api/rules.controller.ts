import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { RequireRole } from '../auth/auth.decorators';
import { CurrentSession } from '../auth/current-session.decorator';
import type { Session } from '../auth/session-tokens';
import { parseInput } from '../http/parse-input';
import { RuleCatalogService } from '../rules/rule-catalog.service';
import type { RuleSummary } from '../rules/rule-summary';
import { ApiSession } from './api-docs.decorators';

const publishBody = z.object({ yaml: z.string().min(1).max(65_536) }).strict(); // 64 KiB: one rule

/** The rules in force; publishing a new version is for admins. */
@ApiTags('rules')
@ApiSession()
@Controller('api/rules')
export class RulesController {
  constructor(private readonly catalog: RuleCatalogService) {}

  @Get()
  @ApiOperation({ summary: 'Rules in force: published versions, else the repository files' })
  list(): Promise<RuleSummary[]> {
    return this.catalog.list();
  }

  @Post()
  @RequireRole('admin')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Publish a new version of one rule (YAML, version above the one in force) to vigil.rules.v1',
  })
  @ApiBody({ schema: z.toJSONSchema(publishBody) as Record<string, unknown> })
  publish(@Body() body: unknown, @CurrentSession() session: Session): Promise<RuleSummary> {
    return this.catalog.publish(parseInput(publishBody, body).yaml, session.name);
  }
}
