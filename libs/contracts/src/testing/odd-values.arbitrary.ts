import fc from 'fast-check';

/**
 * Values near the valid ones of a contract, to replace its properties with in "never accepts what the schema
 * rejects" properties: every JSON shape, plus `nearMisses` (strings that are almost right for that contract).
 */
export const oddValueNear = (...nearMisses: string[]): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.boolean(),
    fc.integer({ min: -5, max: 5 }),
    fc.double(),
    fc.string({ maxLength: 300 }),
    fc.constantFrom('', ...nearMisses),
    fc.constantFrom('2026-02-29T00:00:00Z', '2024-02-29T23:59:59.5Z', '2026-11-25T08:00:00+05:00'),
    fc.array(fc.string({ maxLength: 260 }), { maxLength: 34 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.boolean(), fc.string(), fc.array(fc.integer()))),
  );
