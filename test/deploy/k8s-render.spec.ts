import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseYamlDocuments, type KubeObject } from './support/kustomize-lite';
import { renderAll, RENDERED } from './support/deploy-fixtures';
import { isInstalled, kubernetesModelsProblems, schemaProblems, typeOf } from './support/validate';

// Every manifest of deploy/k8s, rendered as `kubectl kustomize` would, must be a valid object of its kind.

const rendered = renderAll();
afterAll(() => rendered.cleanup());

const identity = (o: KubeObject) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;

function kubectlAvailable(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.each(RENDERED)('deploy/k8s/%s', (name) => {
  const objects = rendered.renders[name];

  it('renders uniquely named objects', () => {
    expect(objects.length).toBeGreaterThan(30);
    const ids = objects.map(identity);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('validates every object against the schema of its kind', () => {
    const problems = objects.flatMap((o) =>
      schemaProblems(o).map((p) => `${identity(o)} (${typeOf(o)}): ${p}`),
    );
    expect(problems).toEqual([]);
  });

  (isInstalled('kubernetes-models') ? it : it.skip)(
    'validates with kubernetes-models where it has a model',
    () => {
      const problems = objects.flatMap((o) =>
        (kubernetesModelsProblems(o) ?? []).map((p) => `${identity(o)}: ${p}`),
      );
      expect(problems).toEqual([]);
    },
  );

  (kubectlAvailable() ? it : it.skip)('renders exactly what `kubectl kustomize` renders', () => {
    const output = execFileSync('kubectl', ['kustomize', path.join(rendered.dir, name)], {
      encoding: 'utf8',
    });
    const theirs = new Map(parseYamlDocuments(output, 'kubectl').map((o) => [identity(o), o]));
    expect([...theirs.keys()].sort()).toEqual(objects.map(identity).sort());
    const differing = objects.filter((o) => !isDeepStrictEqual(o, theirs.get(identity(o)))).map(identity);
    expect(differing).toEqual([]);
  });
});

/* eslint-disable @typescript-eslint/no-explicit-any -- breaking rendered objects on purpose */
describe('schema checks catch mistakes', () => {
  // Guards the guard: a strict schema that accepted anything would make the tests above pass vacuously.
  const deployment = () => structuredClone(rendered.renders.base.find((o) => o.kind === 'Deployment')!);

  it('refuses a misspelt field, a wrong type and a label value that is not a string', () => {
    const misspelt = deployment();
    const container = (misspelt.spec as any).template.spec.containers[0];
    container.readinesProbe = container.readinessProbe;
    expect(schemaProblems(misspelt).join()).toMatch(/additional properties/);

    const wrongType = deployment();
    (wrongType.spec as any).replicas = 'two';
    expect(schemaProblems(wrongType)).not.toEqual([]);

    const badLabel = deployment();
    (badLabel.metadata.labels as any).tier = 7;
    expect(schemaProblems(badLabel)).not.toEqual([]);
  });

  it('refuses a KafkaTopic without its cluster label and an unknown kind', () => {
    const topic = structuredClone(rendered.renders.base.find((o) => o.kind === 'KafkaTopic')!);
    delete topic.metadata.labels;
    expect(schemaProblems(topic)).not.toEqual([]);
    expect(schemaProblems({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } })).toEqual([
      'no schema for v1/Pod',
    ]);
  });
});
