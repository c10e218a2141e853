import { rulePublicationV1, type RulePublicationV1 } from './rule-publication.v1';
import { RulePublications } from './rule-publications';

function publication(ruleId: string, version: number): RulePublicationV1 {
  return {
    ruleId,
    version,
    source: `${ruleId}.yaml`,
    yaml: `id: ${ruleId}`,
    publishedAt: '2026-01-01T00:00:00.000Z',
  };
}

const record = (value: RulePublicationV1): Buffer => rulePublicationV1.serialize(value);

describe(RulePublications.name, () => {
  it('keeps the latest publication per rule and withdraws a rule on a tombstone', () => {
    const publications = new RulePublications();
    publications.applyRecord('a', record(publication('a', 1)));
    publications.applyRecord('b', record(publication('b', 1)));
    publications.applyRecord('a', record(publication('a', 2)));
    publications.applyRecord('b', null);

    expect([...publications.byRule().values()].map((rule) => [rule.ruleId, rule.version])).toEqual([
      ['a', 2],
    ]);
    expect(publications.size).toBe(1);
  });

  it('ignores a record without a rule id', () => {
    const publications = new RulePublications();
    publications.applyRecord(null, record(publication('a', 1)));
    publications.applyRecord(undefined, null);

    expect(publications.size).toBe(0);
  });

  it('throws on an unreadable value and keeps the last readable publication', () => {
    const publications = new RulePublications();
    publications.applyRecord('a', record(publication('a', 1)));

    expect(() => publications.applyRecord('a', Buffer.from('{not json'))).toThrow();
    expect(publications.byRule().get('a')?.version).toBe(1);
  });
});
