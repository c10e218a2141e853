import { shippedIngestConfig } from '../testing/ingest-config.fixture';
import { classifyParty, classifySender, isPremiumShortNumber, normalizeNumber } from './number-plan';

const plan = shippedIngestConfig().numberPlan;

describe('normalizeNumber', () => {
  it.each([
    '+7 701 123 45 67',
    '8 701 123 45 67',
    '87011234567',
    '77011234567',
    '7 (701) 123-45-67',
    '+7-701-123-45-67',
  ])('normalizes %s to 77011234567', (raw) => expect(normalizeNumber(raw, plan)).toBe('77011234567'));

  it('keeps short numbers and international numbers as digits', () => {
    expect(normalizeNumber('7575', plan)).toBe('7575');
    expect(normalizeNumber('+49 151 2345 6789', plan)).toBe('4915123456789');
    expect(normalizeNumber('00 998 90 123 45 67', plan)).toBe('998901234567');
  });

  it.each(['', '12', '1234567', '+7 701 123 45', '770112345678', 'abc', '7701#1234567', '+1234567890123456'])(
    'rejects %j',
    (raw) => expect(normalizeNumber(raw, plan)).toBeUndefined(),
  );
});

describe('classifyParty', () => {
  it.each([
    ['+7 701 123 45 67', '77011234567', 'home_msisdn'],
    ['87781234567', '77781234567', 'home_msisdn'],
    ['+7 727 258 83 00', '77272588300', 'domestic'],
    ['79161234567', '79161234567', 'domestic'],
    ['+998 90 123 45 67', '998901234567', 'international'],
    ['7575', '7575', 'short_number'],
    ['2000', '2000', 'official'],
    ['9090', '9090', 'official'],
    ['Kcell', 'kcell', 'official'],
    ['KCELL', 'kcell', 'official'],
    ['Magnum', 'magnum', 'official'],
    ['Kcell-Bonus', 'kcell-bonus', 'alphanumeric'],
    ['Құттықтау', 'құттықтау', 'alphanumeric'],
    ['anonymous', 'anonymous', 'anonymous'],
    ['Restricted', 'anonymous', 'anonymous'],
    ['unknown', 'anonymous', 'anonymous'],
    ['', 'anonymous', 'anonymous'],
  ])('classifies %j as %s (%s)', (raw, id, partyClass) => {
    expect(classifyParty(raw, plan)).toEqual({ id, class: partyClass });
  });

  it('returns undefined for a number that normalizes to nothing usable', () => {
    expect(classifyParty('12', plan)).toBeUndefined();
    expect(classifyParty('+7 701', plan)).toBeUndefined();
  });

  it('recognises the configured premium short numbers only', () => {
    for (const premium of ['3350', '3352', '4161', '4444', '7750', '7790', '8444', '9193', '9685']) {
      expect(isPremiumShortNumber(classifyParty(premium, plan), plan)).toBe(true);
    }
    for (const plain of ['7575', '3351', '2000', '77011234567']) {
      expect(isPremiumShortNumber(classifyParty(plain, plan), plan)).toBe(false);
    }
  });
});

describe('classifySender', () => {
  it.each([
    ['7011234567', '7011234567'],
    ['+7 701 123 45', '+770112345'],
    ['12', '12'],
  ])('classifies the sender %j that fits no number plan as unrecognized (%s)', (raw, id) => {
    expect(classifySender(raw, plan)).toEqual({ id, class: 'unrecognized' });
  });

  it('classifies what the number plan knows as classifyParty does', () => {
    for (const raw of ['+7 701 123 45 67', '7575', 'Kcell', 'Bank-KZ', 'anonymous', '+998 90 123 45 67'])
      expect(classifySender(raw, plan)).toEqual(classifyParty(raw, plan));
  });

  it('cuts an overlong unrecognized id to 32 characters', () => {
    expect(classifySender('1'.repeat(40), plan).id).toHaveLength(32);
  });
});
