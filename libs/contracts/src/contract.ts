import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { ContractError, contractErrorCodes } from './contract.errors';

// One Ajv instance for every contract: schemas compile once at module load, validation is then a plain function call.
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);

/** `schema` compiled by the contracts' one validator (JSON Schema 2020-12 with formats, every problem reported). */
export function compileSchema<T = unknown>(schema: object): ValidateFunction<T> {
  return ajv.compile<T>(schema);
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/** A versioned message contract: its validator and typed (de)serializers over the project's copy of the JSON Schema. */
export interface Contract<T> {
  readonly id: string;
  validate(value: unknown): ValidationResult<T>;
  /** Returns the value typed as T, or throws ContractError(SCHEMA_VIOLATION). */
  assert(value: unknown): T;
  /** Parses and validates UTF-8 JSON bytes; throws ContractError (MALFORMED_JSON or SCHEMA_VIOLATION). */
  deserialize(bytes: Buffer | string | null | undefined): T;
  /** Validates, then encodes as UTF-8 JSON. Producing an invalid message is a bug, so it throws too. */
  serialize(value: T): Buffer;
}

function describeProblem(error: ErrorObject): string {
  const path = error.instancePath === '' ? '(root)' : error.instancePath;
  if (error.keyword === 'additionalProperties') {
    return `${path}: unknown property "${String(error.params.additionalProperty)}"`;
  }
  if (error.keyword === 'enum') {
    return `${path}: must be one of ${(error.params.allowedValues as unknown[]).map(String).join(', ')}`;
  }
  return `${path}: ${error.message ?? error.keyword}`;
}

/**
 * @param isValidFast optional hand-written check for a hot path: it must accept only values the schema accepts
 *   (false means "ask the full validator", which decides and words the problems)
 */
export function defineContract<T>(
  schema: { $id: string },
  isValidFast?: (value: unknown) => boolean,
): Contract<T> {
  const validateFn = compileSchema<T>(schema);
  const id = schema.$id;

  const validate = (value: unknown): ValidationResult<T> =>
    isValidFast?.(value) || validateFn(value)
      ? { ok: true, value: value as T }
      : { ok: false, problems: (validateFn.errors ?? []).map(describeProblem) };

  const assert = (value: unknown): T => {
    const result = validate(value);
    if (!result.ok) throw new ContractError(contractErrorCodes.SCHEMA_VIOLATION, id, result.problems);
    return result.value;
  };

  const deserialize = (bytes: Buffer | string | null | undefined): T => {
    if (bytes === null || bytes === undefined || bytes.length === 0) {
      throw new ContractError(contractErrorCodes.MALFORMED_JSON, id, ['(root): empty message']);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(typeof bytes === 'string' ? bytes : bytes.toString('utf8'));
    } catch (error) {
      throw new ContractError(contractErrorCodes.MALFORMED_JSON, id, [
        `(root): not JSON (${(error as Error).message})`,
      ]);
    }
    return assert(parsed);
  };

  const serialize = (value: T): Buffer => Buffer.from(JSON.stringify(assert(value)), 'utf8');

  return { id, validate, assert, deserialize, serialize };
}
