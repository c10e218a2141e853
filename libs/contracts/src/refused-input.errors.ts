/**
 * The base of every error that refuses input (a record, a file, a filter) for problems it will always have: a
 * stable code, what was refused, one readable line per problem, and never retriable, because the same input fails
 * the same way.
 */
export class RefusedInputError<Code extends string> extends Error {
  readonly retriable = false;

  constructor(
    readonly code: Code,
    /** What was refused: a contract id, a file, a query. */
    readonly subject: string,
    readonly problems: readonly string[],
  ) {
    super(`${subject}: ${problems.join('; ')}`);
    this.name = new.target.name;
  }
}
