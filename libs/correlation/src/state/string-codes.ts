/** Code of `undefined`. */
export const NO_STRING = 0;
/** Code of a string the table had no room for: its holder keeps the text elsewhere. */
export const UNCODED_STRING = 0xffff;

/**
 * Small numbers for the few distinct strings of a field (event kinds, party classes, channels), so
 * columns of them are Uint16Arrays. Bounded: past 65,534 distinct strings (only hostile input gets
 * there) `codeOf` answers UNCODED_STRING.
 */
export class StringCodes {
  private readonly codes = new Map<string, number>();
  private readonly texts: (string | undefined)[] = [undefined];
  /** The last string asked for: a field mostly repeats one value (often the very same string object). */
  private lastText: string | undefined;
  private lastCode = NO_STRING;

  codeOf(text: string | undefined): number {
    if (text === this.lastText) return this.lastCode;
    const code = this.lookUp(text);
    if (code !== UNCODED_STRING) {
      this.lastText = text;
      this.lastCode = code;
    }
    return code;
  }

  private lookUp(text: string | undefined): number {
    if (text === undefined) return NO_STRING;
    const code = this.codes.get(text);
    if (code !== undefined) return code;
    if (this.texts.length >= UNCODED_STRING) return UNCODED_STRING;
    this.codes.set(text, this.texts.length);
    this.texts.push(text);
    return this.texts.length - 1;
  }

  /** The string of a code from `codeOf` (not UNCODED_STRING). */
  textOf(code: number): string | undefined {
    return this.texts[code];
  }
}
