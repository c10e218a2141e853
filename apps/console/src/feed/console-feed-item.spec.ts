import type { AlertV1 } from '@vigil/contracts';
import { toConsoleFeedItem } from './console-feed-item';

describe(toConsoleFeedItem.name, () => {
  it('masks the entity, the counterparties and numbers of 8+ digits inside the explanation, not evidence ids', () => {
    const alert: AlertV1 = {
      alertId: 'a1',
      ruleId: 'r',
      ruleVersion: 1,
      typology: 'false_prize_payment',
      severity: 'high',
      stage: 'confirmed',
      entity: 'msisdn:77011234567',
      counterparties: ['77751112233', 'sender:Kcell', '998901234'],
      detectedAt: '2026-01-15T10:00:00Z',
      firstEventAt: '2026-01-15T09:58:00Z',
      lastEventAt: '2026-01-15T10:00:00Z',
      evidence: [
        { eventId: 'sms-12345678901234-0', kind: 'sms_in', occurredAt: '2026-01-15T09:58:00Z', step: 'lure' },
      ],
      explanation: 'msisdn:77011234567 paid +7 775 111-22-33 and 998901234',
    };
    const item = toConsoleFeedItem({ type: 'alert', reason: 'first', repeatCount: 0, alert });
    expect(item).toMatchObject({
      alert: {
        entityType: 'msisdn',
        entity: '***67',
        counterparties: ['***33', 'Kcell', '***34'],
        explanation: 'msisdn:***67 paid ***33 and ***34',
        evidence: [{ eventId: 'sms-12345678901234-0' }],
      },
    });
  });
});
