import { NOTIFICATION_LANGUAGES } from '@vigil/contracts';
import { repositoryRoutingConfig } from '../../test/alert-fixtures';
import { RoutingConfigError } from '../alert-routing.errors';
import { LONGEST_TEMPLATE_VARIABLES } from '../config/routing-config.loader';
import { MAX_NOTIFICATION_SEGMENTS, NotificationTemplates, renderTemplate } from './notification-templates';
import { measureSms, smsCapacity } from './sms-segments';

describe(NotificationTemplates.name, () => {
  const { config, templates } = repositoryRoutingConfig();

  it('ships the four advisory templates', () => {
    expect(templates.ids().sort()).toEqual(
      ['never-share-code', 'phishing-link-warning', 'premium-sms-warning', 'verify-relative'].sort(),
    );
  });

  describe.each(Object.keys(config.notifications.templates))('template %s', (templateId) => {
    it.each(NOTIFICATION_LANGUAGES)(
      'fits in two segments in %s with the longest variable values',
      (language) => {
        const text = renderTemplate(
          config.notifications.templates[templateId][language],
          LONGEST_TEMPLATE_VARIABLES,
        );
        const measure = measureSms(text);
        expect(text).not.toMatch(/\{[A-Za-z]+\}/);
        expect(measure.segments).toBeLessThanOrEqual(MAX_NOTIFICATION_SEGMENTS);
        expect(measure.units).toBeLessThanOrEqual(smsCapacity(measure.encoding, MAX_NOTIFICATION_SEGMENTS));
        expect(measure.encoding).toBe(language === 'en' ? 'GSM-7' : 'UCS-2');
      },
    );
  });

  it('names the configured call-centre numbers in every rendered text', () => {
    for (const templateId of templates.ids()) {
      for (const language of NOTIFICATION_LANGUAGES) {
        const text = templates.render(templateId, language);
        expect(text).toContain('9090');
        expect(text).toContain('3030');
      }
    }
  });

  it('refuses a template that overflows two segments or uses an unknown placeholder', () => {
    const compile = () =>
      NotificationTemplates.compile(
        { 'too-long': { kk: 'ә'.repeat(135), ru: 'ok {callCentre}', en: 'ok {customer}' } },
        LONGEST_TEMPLATE_VARIABLES,
        LONGEST_TEMPLATE_VARIABLES,
      );
    expect(compile).toThrow(RoutingConfigError);
    expect(compile).toThrow(/too-long\.kk: 135 UCS-2 units need 3 segments/);
    expect(compile).toThrow(/too-long\.en: unknown placeholder \{customer\}/);
  });
});
