import fc from 'fast-check';

/**
 * The one promise of a hand-written contract check: it never says yes to a value the schema rejects. Checked on
 * `canonical` with properties replaced by `oddValues` or dropped (plus `extraKeys`), both as JSON parses it and as
 * a producer hands it to serialize (JSON then drops undefined properties).
 */
export function assertNeverAcceptsWhatTheSchemaRejects(
  isValidFast: (value: unknown) => boolean,
  isValidBySchema: (value: unknown) => boolean,
  canonical: Record<string, unknown>,
  oddValues: fc.Arbitrary<unknown>,
  extraKeys: string[] = [],
): void {
  fc.assert(
    fc.property(
      fc.dictionary(fc.constantFrom(...Object.keys(canonical), '__proto__', ...extraKeys), oddValues),
      fc.boolean(),
      (changes, dropInstead) => {
        const candidate: Record<string, unknown> = { ...canonical };
        for (const [key, value] of Object.entries(changes)) {
          if (dropInstead) delete candidate[key];
          else candidate[key] = value;
        }
        const parsed = JSON.parse(JSON.stringify(candidate)) as unknown;
        if (isValidFast(parsed)) expect(isValidBySchema(parsed)).toBe(true);
        if (isValidFast(candidate)) expect(isValidBySchema(parsed)).toBe(true);
      },
    ),
    { numRuns: 5_000 },
  );
}
