import { Controller, Get, Header } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** The committed OpenAPI document (apps/signal/openapi.yaml), read relative to the working directory. */
export const OPENAPI_FILE = 'apps/signal/openapi.yaml';

/** Serves the API's OpenAPI document: public, like any API's published description. */
@Controller('scam-signal/v1')
export class OpenApiController {
  private readonly yaml = readFileSync(OPENAPI_FILE, 'utf8');
  private readonly json = parse(this.yaml) as object;

  @Get('openapi.yaml')
  @Header('Content-Type', 'application/yaml; charset=utf-8')
  document(): string {
    return this.yaml;
  }

  @Get('openapi.json')
  documentJson(): object {
    return this.json;
  }
}
