// Small builders for strict JSON Schemas: every object lists its fields and refuses others, so a misspelt field
// (`readinesProbe`) fails instead of being ignored by the API server.

export type Schema = Record<string, unknown>;

/** An object with exactly these optional fields, of which `required` must be present. */
export function obj(properties: Record<string, Schema>, required: string[] = []): Schema {
  return { type: 'object', properties, required, additionalProperties: false };
}

export const str: Schema = { type: 'string' };
export const bool: Schema = { type: 'boolean' };
export const int = (minimum?: number, maximum?: number): Schema => ({
  type: 'integer',
  ...(minimum === undefined ? {} : { minimum }),
  ...(maximum === undefined ? {} : { maximum }),
});
export const arr = (items: Schema, minItems = 0): Schema => ({ type: 'array', items, minItems });
export const enumOf = (...values: string[]): Schema => ({ type: 'string', enum: values });
export const mapOf = (values: Schema): Schema => ({ type: 'object', additionalProperties: values });
export const oneOf = (...schemas: Schema[]): Schema => ({ oneOf: schemas });
export const pattern = (regex: string, maxLength?: number): Schema => ({
  type: 'string',
  pattern: regex,
  ...(maxLength === undefined ? {} : { maxLength }),
});

/** A Kubernetes resource of `apiVersion`/`kind` with the given spec (and other top-level fields). */
export function resource(
  apiVersion: string,
  kind: string,
  fields: Record<string, Schema>,
  required: string[] = [],
  metadata: Schema = objectMeta,
): Schema {
  return obj({ apiVersion: { const: apiVersion }, kind: { const: kind }, metadata, ...fields }, [
    'apiVersion',
    'kind',
    'metadata',
    ...required,
  ]);
}

// Formats from the Kubernetes API conventions (apimachinery validation).
export const dnsSubdomain = pattern(
  '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$',
  253,
);
export const dnsLabel = pattern('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', 63);
const labelKey =
  '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$';
const labelValue = pattern('^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$', 63);
export const labels: Schema = {
  type: 'object',
  propertyNames: { pattern: labelKey },
  additionalProperties: labelValue,
};
export const annotations: Schema = {
  type: 'object',
  propertyNames: { pattern: labelKey },
  additionalProperties: str,
};
export const quantity = pattern(
  '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+|[numkMGTPE]|[KMGTPE]i)?$',
);
export const intOrString: Schema = { type: ['integer', 'string'] };
/** IANA service name: a port name, at most 15 characters. */
export const portName = pattern('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', 15);
export const portNumber = int(1, 65535);

export const objectMeta = obj({ name: dnsSubdomain, namespace: dnsLabel, labels, annotations }, ['name']);
