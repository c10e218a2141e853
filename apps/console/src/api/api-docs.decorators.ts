import { applyDecorators } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiQuery,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { z } from 'zod';
import { SESSION_COOKIE } from '../console.constants';

/** OpenAPI: the route needs a session (bearer or cookie) and may answer 401, 403 and 429. */
export const ApiSession = (): ClassDecorator & MethodDecorator =>
  applyDecorators(
    ApiBearerAuth(),
    ApiCookieAuth(SESSION_COOKIE),
    ApiUnauthorizedResponse({ description: 'No valid session token' }),
    ApiForbiddenResponse({ description: 'The role is too weak for this route' }),
    ApiTooManyRequestsResponse({ description: 'Rate limit exceeded' }),
  );

/** OpenAPI: optional query parameters, name → description. */
export const ApiQueryParams = (params: Record<string, string>): MethodDecorator =>
  applyDecorators(
    ...Object.entries(params).map(([name, description]) =>
      ApiQuery({ name, description, required: false, type: String }),
    ),
  );

/** OpenAPI: the JSON body a route takes, from the zod schema that parses it (what a client sends: defaults optional). */
export const ApiJsonBody = (schema: z.ZodType): MethodDecorator =>
  ApiBody({ schema: z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown> });

/** Descriptions of the time-window parameters shared by the dashboard routes. */
export const TIME_WINDOW_PARAMS = {
  from: 'ISO-8601 instant with offset, inclusive (default: depends on the route)',
  to: 'ISO-8601 instant with offset, exclusive (default: now)',
};
