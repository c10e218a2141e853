import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * The subset of `kustomize build` that deploy/k8s uses, so the manifests can be rendered and checked on machines
 * without kubectl (CI is one). Anything outside the subset throws rather than being silently ignored; where
 * kubectl is installed, manifests.spec.ts checks that this renders exactly what `kubectl kustomize` does.
 *
 * Supported: resources (files and directories), namespace, labels (metadata only), images, configMapGenerator and
 * secretGenerator (literals, envs, options.disableNameSuffixHash) with kustomize's name hash and the rewriting of
 * references to generated names, and patches that are JSON 6902 operation lists with a kind/name target.
 */

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
}

interface Generator {
  name: string;
  literals?: string[];
  envs?: string[];
  options?: { disableNameSuffixHash?: boolean };
  behavior?: string;
  files?: string[];
  type?: string;
}

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  resources?: string[];
  labels?: { pairs: Record<string, string>; includeSelectors?: boolean; includeTemplates?: boolean }[];
  images?: { name: string; newName?: string; newTag?: string }[];
  configMapGenerator?: Generator[];
  secretGenerator?: Generator[];
  patches?: { target: { kind?: string; name?: string }; patch?: string; path?: string }[];
}

const SUPPORTED_KEYS = new Set([
  'apiVersion',
  'kind',
  'namespace',
  'resources',
  'labels',
  'images',
  'configMapGenerator',
  'secretGenerator',
  'patches',
]);
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
]);

export function parseYamlDocuments(text: string, source: string): KubeObject[] {
  return parseAllDocuments(text).flatMap((doc) => {
    if (doc.errors.length > 0) throw new Error(`${source}: ${doc.errors[0].message}`);
    const value = doc.toJS() as KubeObject | null;
    return value === null ? [] : [value];
  });
}

/** Renders the kustomization in `dir` (and, recursively, every directory it lists) into plain objects. */
export function renderKustomization(dir: string): KubeObject[] {
  const file = path.join(dir, 'kustomization.yaml');
  const k = parseYamlDocuments(readFileSync(file, 'utf8'), file)[0] as unknown as Kustomization;
  const unsupported = Object.keys(k).filter((key) => !SUPPORTED_KEYS.has(key));
  if (unsupported.length > 0)
    throw new Error(`${file}: unsupported by kustomize-lite: ${unsupported.join(', ')}`);

  const objects: KubeObject[] = [];
  for (const resource of k.resources ?? []) {
    const target = path.join(dir, resource);
    if (statSync(target).isDirectory()) objects.push(...renderKustomization(target));
    else objects.push(...parseYamlDocuments(readFileSync(target, 'utf8'), target));
  }

  const renamed = new Map<string, string>(); // `${kind}/${name}` → generated name with hash
  for (const generator of k.configMapGenerator ?? [])
    objects.push(generate('ConfigMap', generator, dir, renamed));
  for (const generator of k.secretGenerator ?? []) objects.push(generate('Secret', generator, dir, renamed));

  for (const patch of k.patches ?? []) applyPatch(objects, patch, dir);
  for (const object of objects) {
    if (k.namespace && !CLUSTER_SCOPED.has(object.kind)) object.metadata.namespace = k.namespace;
    for (const label of k.labels ?? []) {
      if (label.includeSelectors || label.includeTemplates) throw new Error(`${file}: only metadata labels`);
      object.metadata.labels = { ...object.metadata.labels, ...label.pairs };
    }
    for (const image of k.images ?? []) rewriteImages(object, image);
    rewriteReferences(object, renamed);
  }
  return objects;
}

function generate(kind: 'ConfigMap' | 'Secret', g: Generator, dir: string, renamed: Map<string, string>) {
  if (g.behavior || g.files)
    throw new Error(`${g.name}: generator behavior/files unsupported by kustomize-lite`);
  const entries: [string, string][] = [];
  for (const literal of g.literals ?? []) entries.push(splitPair(literal));
  for (const envFile of g.envs ?? []) {
    for (const line of readFileSync(path.join(dir, envFile), 'utf8').split('\n')) {
      if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
      entries.push(splitPair(line));
    }
  }
  const data = Object.fromEntries(
    entries.map(([key, value]) => [key, kind === 'Secret' ? Buffer.from(value).toString('base64') : value]),
  );
  const object: KubeObject = { apiVersion: 'v1', kind, metadata: { name: g.name } };
  if (kind === 'Secret') object.type = g.type ?? 'Opaque';
  object.data = data;
  if (!g.options?.disableNameSuffixHash) {
    object.metadata.name = `${g.name}-${nameHash(object)}`;
    renamed.set(`${kind}/${g.name}`, object.metadata.name);
  }
  return object;
}

function splitPair(text: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0) throw new Error(`not KEY=VALUE: ${text}`);
  return [text.slice(0, at), text.slice(at + 1)];
}

/**
 * kustomize's suffix: sha256 of Go's json.Marshal of {data, kind, name[, type]}, 10 hex chars, some letters
 * swapped. `name` is empty: kustomize's hasher reads a top-level `name` field that objects do not have (checked
 * against kubectl kustomize v5.5).
 */
function nameHash(object: KubeObject): string {
  const fields: Record<string, unknown> = { data: object.data, kind: object.kind, name: '' };
  if (object.kind === 'Secret') fields.type = object.type;
  const json = goJson(fields);
  const hex = createHash('sha256').update(json).digest('hex').slice(0, 10);
  const swap: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return [...hex].map((c) => swap[c] ?? c).join('');
}

/** JSON as Go's encoding/json writes it: map keys sorted, <, > and & escaped. */
function goJson(value: unknown): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${goJson(key)}:${goJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

function applyPatch(
  objects: KubeObject[],
  patch: NonNullable<Kustomization['patches']>[number],
  dir: string,
) {
  const text = patch.patch ?? readFileSync(path.join(dir, patch.path ?? ''), 'utf8');
  const operations = parseYamlDocuments(text, 'patch')[0] as unknown as {
    op: string;
    path: string;
    value?: unknown;
  }[];
  if (!Array.isArray(operations)) throw new Error('only JSON 6902 patches are supported by kustomize-lite');
  const targets = objects.filter(
    (o) =>
      (!patch.target.kind || o.kind === patch.target.kind) &&
      (!patch.target.name || o.metadata.name === patch.target.name),
  );
  if (targets.length === 0) throw new Error(`patch matches nothing: ${JSON.stringify(patch.target)}`);
  for (const target of targets) for (const operation of operations) applyOperation(target, operation);
}

function applyOperation(root: KubeObject, operation: { op: string; path: string; value?: unknown }): void {
  const keys = operation.path
    .split('/')
    .slice(1)
    .map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = keys.pop()!;
  let parent: unknown = root;
  for (const key of keys) {
    parent = (parent as Record<string, unknown>)?.[key];
    if (parent === undefined) throw new Error(`patch path not found: ${operation.path}`);
  }
  // A JSON copy, not structuredClone: under jest that returns objects of another realm, which deep equality tells apart.
  const value: unknown =
    operation.value === undefined ? undefined : JSON.parse(JSON.stringify(operation.value));
  if (Array.isArray(parent)) {
    const at = last === '-' ? parent.length : Number(last);
    if (operation.op === 'add') parent.splice(at, 0, value);
    else if (operation.op === 'remove') parent.splice(at, 1);
    else if (operation.op === 'replace' && at < parent.length) parent[at] = value;
    else throw new Error(`JSON patch ${operation.op} ${operation.path} unsupported or out of range`);
    return;
  }
  const container = parent as Record<string, unknown>;
  if (operation.op === 'replace') {
    if (!(last in container)) throw new Error(`replace of a missing path: ${operation.path}`);
    container[last] = value;
  } else if (operation.op === 'add') {
    container[last] = value;
  } else if (operation.op === 'remove') {
    delete container[last];
  } else {
    throw new Error(`JSON patch op ${operation.op} unsupported by kustomize-lite`);
  }
}

function podSpecs(object: KubeObject): Record<string, unknown>[] {
  const template = (object.spec as { template?: { spec?: Record<string, unknown> } } | undefined)?.template;
  return template?.spec ? [template.spec] : [];
}

type Container = { image?: string; env?: EnvVar[]; envFrom?: EnvFrom[] };
type EnvVar = { valueFrom?: { configMapKeyRef?: { name: string }; secretKeyRef?: { name: string } } };
type EnvFrom = { configMapRef?: { name: string }; secretRef?: { name: string } };
type Volume = { configMap?: { name: string }; secret?: { secretName: string } };

function containersOf(spec: Record<string, unknown>): Container[] {
  return [...((spec.containers as Container[]) ?? []), ...((spec.initContainers as Container[]) ?? [])];
}

function rewriteImages(object: KubeObject, image: { name: string; newName?: string; newTag?: string }): void {
  for (const spec of podSpecs(object)) {
    for (const container of containersOf(spec)) {
      const [name, tag] = (container.image ?? '').split(':');
      if (name !== image.name) continue;
      container.image = `${image.newName ?? name}${image.newTag ? `:${image.newTag}` : tag ? `:${tag}` : ''}`;
    }
  }
}

/** Points pod specs at the hashed names of generated ConfigMaps and Secrets, as kustomize's name reference does. */
function rewriteReferences(object: KubeObject, renamed: Map<string, string>): void {
  if (renamed.size === 0) return;
  const map = (kind: string, name: string) => renamed.get(`${kind}/${name}`) ?? name;
  for (const spec of podSpecs(object)) {
    for (const container of containersOf(spec)) {
      for (const from of container.envFrom ?? []) {
        if (from.configMapRef) from.configMapRef.name = map('ConfigMap', from.configMapRef.name);
        if (from.secretRef) from.secretRef.name = map('Secret', from.secretRef.name);
      }
      for (const variable of container.env ?? []) {
        const ref = variable.valueFrom;
        if (ref?.configMapKeyRef) ref.configMapKeyRef.name = map('ConfigMap', ref.configMapKeyRef.name);
        if (ref?.secretKeyRef) ref.secretKeyRef.name = map('Secret', ref.secretKeyRef.name);
      }
    }
    for (const volume of (spec.volumes as Volume[]) ?? []) {
      if (volume.configMap) volume.configMap.name = map('ConfigMap', volume.configMap.name);
      if (volume.secret) volume.secret.secretName = map('Secret', volume.secret.secretName);
    }
  }
}
