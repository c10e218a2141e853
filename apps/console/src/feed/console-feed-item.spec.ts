import type { AlertV1 } from '@vigil/contracts';
import { toConsoleFeedItem } from './console-feed-item';

describe(toConsoleFeedItem.name, () => {
  it('masks the entity, the counterparties and numbers inside the explanation', () => {
    const alert: AlertV1 = {
      alertId: 'a1',
      ruleId: 'r',
      ruleVersion: 1,
      typology: 'false_prize_payment',
      severity: 'high',
      stage: 'confirmed',
      entity: 'msisdn:77011234567',
      counterparties: ['77751112233', 'sender:Kcell'],
      detectedAt: '2026-01-15T10:00:00Z',
      firstEventAt: '2026-01-15T09:58:00Z',
      lastEventAt: '2026-01-15T10:00:00Z',
      evidence: [{ eventId: 'e1', kind: 'sms_in', occurredAt: '2026-01-15T09:58:00Z', step: 'lure' }],
      explanation: 'msisdn:77011234567 paid 77751112233',
    };
    const item = toConsoleFeedItem({ type: 'alert', reason: 'first', repeatCount: 0, alert });
    const text = JSON.stringify(item);
    expect(text).not.toMatch(/\d{11}/);
    expect(item).toMatchObject({
      alert: { entityType: 'msisdn', entity: '7701***4567', counterparties: ['7775***2233', 'Kcell'] },
    });
  });
});
