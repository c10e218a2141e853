import { toTabSeparated } from './tab-separated';

describe(toTabSeparated.name, () => {
  it('escapes field separators and quotes array elements so no value can spill into another column', () => {
    expect(
      toTabSeparated(['a', 'b', 'c', 'd'], [{ a: 'x\ty\nz\\', b: 7, c: ["it's", 'a\tb'], d: [1, 2] }]),
    ).toBe("x\\ty\\nz\\\\\t7\t['it\\\\'s','a\\tb']\t[1,2]\n");
  });

  it('refuses values it cannot encode faithfully', () => {
    expect(() => toTabSeparated(['a'], [{ a: Number.NaN }])).toThrow(RangeError);
    expect(() => toTabSeparated(['a'], [{ a: { nested: true } }])).toThrow(TypeError);
  });
});
