import { maskNumberFields } from './response-privacy';

describe(maskNumberFields.name, () => {
  it('masks numbers in party and text fields, however formatted and from 8 digits', () => {
    expect(
      maskNumberFields({
        items: [
          {
            entity: '998901234',
            counterparties: ['77751112233', 'Kcell'],
            explanation: 'msisdn:998901234 called +7 (775) 111-22-33 at 2026-01-15T10:00:00Z',
          },
        ],
        feedback: [{ note: 'spoke to 8 701 123 45 67' }],
        events: [{ counterparty: '12345678', features: { referencedShortNumbers: ['7575'] } }],
      }),
    ).toEqual({
      items: [
        {
          entity: '***34',
          counterparties: ['***33', 'Kcell'],
          explanation: 'msisdn:***34 called ***33 at 2026-01-15T10:00:00Z',
        },
      ],
      feedback: [{ note: 'spoke to ***67' }],
      events: [{ counterparty: '***78', features: { referencedShortNumbers: ['7575'] } }],
    });
  });

  it('leaves ids, counts and metric text untouched even when they hold long digit runs', () => {
    const body = {
      alertId: 'a-77011234567-0',
      evidence: [{ eventId: '123456789012' }],
      total: 12_345_678_901,
      metrics: 'process_virtual_memory_bytes 1183456976',
    };
    expect(maskNumberFields(body)).toEqual(body);
    expect(maskNumberFields('process_virtual_memory_bytes 1183456976')).toBe(
      'process_virtual_memory_bytes 1183456976',
    );
  });
});
