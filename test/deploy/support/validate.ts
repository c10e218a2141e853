import Ajv, { type ValidateFunction } from 'ajv';
import type { KubeObject } from './kustomize-lite';
import { customResourceSchemas } from './schemas/custom-resources';
import { kubernetesSchemas } from './schemas/kubernetes';

// strictRequired off: `required` may name properties declared by another branch of an allOf (KafkaTopic labels).
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
const compiled = new Map<string, ValidateFunction>();

/** The `apiVersion/kind` key of an object, e.g. `apps/v1/Deployment`. */
export const typeOf = (object: KubeObject): string => `${object.apiVersion}/${object.kind}`;

/** Problems of one object against the vendored schema of its kind; a kind without a schema is a problem too. */
export function schemaProblems(object: KubeObject): string[] {
  const type = typeOf(object);
  let validate = compiled.get(type);
  if (!validate) {
    const schema = kubernetesSchemas[type] ?? customResourceSchemas[type];
    if (!schema) return [`no schema for ${type}`];
    compiled.set(type, (validate = ajv.compile(schema)));
  }
  if (validate(object)) return [];
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`,
  );
}

/**
 * The generated models of `kubernetes-models` (and its KEDA / External Secrets packages), when installed: full
 * upstream OpenAPI schemas, a second opinion on top of the vendored ones. `undefined` when the package is absent.
 */
export function kubernetesModelsProblems(object: KubeObject): string[] | undefined {
  const modulePath = modelModule(object);
  if (
    !modulePath ||
    !isInstalled(
      modulePath
        .split('/')
        .slice(0, modulePath.startsWith('@') ? 2 : 1)
        .join('/'),
    )
  )
    return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Model = (require(modulePath) as Record<string, new (data: unknown) => { validate(): void }>)[
    object.kind
  ];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [String(error instanceof Error ? error.message : error)];
  }
}

function modelModule(object: KubeObject): string | undefined {
  const [group, version] = object.apiVersion.includes('/')
    ? object.apiVersion.split('/')
    : ['', object.apiVersion];
  if (group === 'keda.sh') return `@kubernetes-models/keda/${object.apiVersion}/${object.kind}`;
  if (group === 'external-secrets.io')
    return `@kubernetes-models/external-secrets/${object.apiVersion}/${object.kind}`;
  if (group === '' || !group.includes('.') || group.endsWith('.k8s.io'))
    return `kubernetes-models/${group ? `${group}/` : ''}${version}/${object.kind}`;
  return undefined; // Strimzi, Altinity: no package; the vendored schemas are all there is
}

export function isInstalled(packageName: string): boolean {
  try {
    require.resolve(`${packageName}/package.json`);
    return true;
  } catch {
    return false;
  }
}
