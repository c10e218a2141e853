import { quoteIdentifier, quoteNumber, quoteString } from './sql-literals';

describe('sql literals', () => {
  it('escapes quotes and backslashes so a value cannot end its string literal', () => {
    expect(quoteString("it's")).toBe("'it\\'s'");
    expect(quoteString('a\\')).toBe("'a\\\\'");
    expect(quoteString("x' OR 1=1 --")).toBe("'x\\' OR 1=1 --'");
    expect(quoteString('a\u0000b\nc')).toBe("'a\\0b\\nc'");
  });

  it('rejects identifiers that are not plain names', () => {
    expect(quoteIdentifier('alerts_v1')).toBe('`alerts_v1`');
    expect(() => quoteIdentifier('alerts; DROP TABLE x')).toThrow(RangeError);
    expect(() => quoteIdentifier('')).toThrow(RangeError);
  });

  it('rejects numbers that are not finite', () => {
    expect(quoteNumber(42.5)).toBe('42.5');
    expect(() => quoteNumber(Number.NaN)).toThrow(RangeError);
  });
});
