import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROUTING_CONFIG_DIR } from '../../test/alert-fixtures';
import { RoutingConfigError } from '../alert-routing.errors';
import { parseRoutingConfig } from './routing-config.loader';

const routingDoc = () => parse(readFileSync(join(ROUTING_CONFIG_DIR, 'routing.yaml'), 'utf8'));
const templatesText = readFileSync(join(ROUTING_CONFIG_DIR, 'templates.yaml'), 'utf8');

describe(parseRoutingConfig.name, () => {
  it('applies the default cool-down to typologies without their own', () => {
    const { config } = parseRoutingConfig({ routing: routingDoc(), templates: templatesText });
    expect(config.suppression.cooldownMsByTypology.prize_code_theft).toBe(1_800_000);
    expect(config.suppression.cooldownMsByTypology.relative_in_trouble).toBe(3_600_000);
  });

  it('refuses a mapping to an unknown template, a call-centre number too long, and a bad webhook', () => {
    const routing = routingDoc();
    routing.notifications.mappings.push({
      typology: 'spyware_offer',
      stages: ['confirmed'],
      template: 'nope',
    });
    expect(() => parseRoutingConfig({ routing, templates: templatesText })).toThrow(/unknown template nope/);

    const longNumber = routingDoc();
    longNumber.notifications.callCentre.primary = '8(727)25883001';
    expect(() => parseRoutingConfig({ routing: longNumber, templates: templatesText })).toThrow(
      RoutingConfigError,
    );

    const badWebhook = routingDoc();
    badWebhook.webhooks = [{ id: 'x', url: 'ftp://host/hook', minSeverity: 'urgent' }];
    expect(() => parseRoutingConfig({ routing: badWebhook, templates: templatesText })).toThrow(
      /webhooks\.0\.url[\s\S]*webhooks\.0\.minSeverity/,
    );
  });
});
