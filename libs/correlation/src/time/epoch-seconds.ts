/**
 * 2020-01-01 in seconds since the Unix epoch. Times kept as seconds since then are small integers
 * (until 2088), which V8 stores unboxed in an object's own fields, where a double would be a separate heap number.
 */
export const EPOCH_SEC = 1_577_836_800;
