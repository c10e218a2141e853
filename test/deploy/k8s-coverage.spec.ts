import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TOPIC_SPECS } from '@vigil/contracts';
import type { KubeObject } from './support/kustomize-lite';
import {
  appHttpPort,
  k8sRoot,
  named,
  ofKind,
  renderAll,
  RENDERED,
  vigilApps,
} from './support/deploy-fixtures';

// What the manifests must say about Vigil itself: one Deployment per app wired to its health endpoints and
// metrics, one KafkaTopic per topic in the contracts library, autoscaling bounded by partitions.

const rendered = renderAll();
afterAll(() => rendered.cleanup());

/* eslint-disable @typescript-eslint/no-explicit-any -- walking rendered manifests */
const podSpec = (d: KubeObject): any => (d.spec as any).template.spec;
const container = (d: KubeObject): any => podSpec(d).containers[0];
const DEFAULT_PARTITIONS = 12; // TopicSpec.partitions undefined = the stack's default

describe.each(RENDERED)('deploy/k8s/%s', (name) => {
  const objects = rendered.renders[name];
  const configMapData = (ref: string): Record<string, string> =>
    (named(objects, 'ConfigMap', ref)?.data as Record<string, string>) ?? {};

  describe.each(vigilApps())('app %s', (app) => {
    const deployment = named(objects, 'Deployment', app)!;

    it('has a Deployment running its build output, probed on its health endpoints', () => {
      expect(deployment).toBeDefined();
      const c = container(deployment);
      const port = appHttpPort(app);
      expect(c.args).toEqual([`dist/apps/${app}/apps/${app}/src/main.js`]);
      expect(c.ports).toEqual([{ name: 'http', containerPort: port }]);
      expect(c.env).toContainEqual({ name: 'HTTP_PORT', value: String(port) });
      expect(c.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(c.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      for (const kind of ['requests', 'limits'])
        expect(Object.keys(c.resources[kind]).sort()).toEqual(['cpu', 'memory']);
      expect((deployment.spec as any).template.metadata.annotations).toEqual({
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': String(port),
        'prometheus.io/path': '/metrics',
      });
    });

    it('has a PodDisruptionBudget selecting its pods', () => {
      const pdb = named(objects, 'PodDisruptionBudget', app);
      expect((pdb?.spec as any)?.selector).toEqual((deployment.spec as any).selector);
    });

    it('takes its configuration from ConfigMaps and Secrets that the render provides', () => {
      const refs = container(deployment).envFrom.map((from: any) => from.configMapRef.name);
      const local = name === 'base' ? refs.filter((ref: string) => !ref.startsWith('vigil-common')) : refs;
      for (const ref of local) expect(named(objects, 'ConfigMap', ref)).toBeDefined();
      const secretRefs = container(deployment).env.filter((e: any) => e.valueFrom?.secretKeyRef);
      for (const e of secretRefs) expect(e.valueFrom.secretKeyRef.name).toBe('vigil-secrets');
      if (name === 'overlays/dev') {
        const secret = named(objects, 'Secret', 'vigil-secrets')!;
        for (const e of secretRefs)
          expect(Object.keys(secret.data as object)).toContain(e.valueFrom.secretKeyRef.key);
      }
      if (name !== 'base')
        expect(configMapData(refs.find((r: string) => r.startsWith('vigil-common'))).HTTP_HOST).toBe(
          '0.0.0.0',
        );
    });

    it('is selected by the default-deny NetworkPolicy', () => {
      const deny = named(objects, 'NetworkPolicy', 'vigil-default-deny')!;
      expect((deny.spec as any).policyTypes).toEqual(['Ingress', 'Egress']);
      expect((deny.spec as any).podSelector.matchExpressions).toEqual([
        { key: 'vigil.io/app', operator: 'Exists' },
      ]);
      expect((deployment.spec as any).template.metadata.labels['vigil.io/app']).toBe(app);
    });
  });

  it('has a KafkaTopic for every topic in TOPIC_SPECS, configured as there, and no other', () => {
    const topics = ofKind(objects, 'KafkaTopic');
    expect(topics.map((t) => (t.spec as any).topicName).sort()).toEqual(
      TOPIC_SPECS.map((s) => s.name).sort(),
    );
    for (const spec of TOPIC_SPECS) {
      const topic = topics.find((t) => (t.spec as any).topicName === spec.name)!.spec as any;
      expect(topic.partitions).toBe(spec.partitions ?? DEFAULT_PARTITIONS);
      expect(topic.config['cleanup.policy']).toBe(spec.cleanupPolicy);
      expect(topic.config['retention.ms']).toBe(spec.retentionMs);
      const [replicas, minIsr] = name === 'overlays/dev' ? [1, 1] : [3, 2]; // dev: a one-broker cluster
      expect([topic.replicas, topic.config['min.insync.replicas']]).toEqual([replicas, minIsr]);
    }
  });

  it('keeps co-partitioned topics at equal partition counts', () => {
    const partitions = (topicName: string) =>
      (ofKind(objects, 'KafkaTopic').find((t) => (t.spec as any).topicName === topicName)!.spec as any)
        .partitions;
    expect(partitions('vigil.correlator-state.v1')).toBe(partitions('vigil.entity-events.v1'));
    expect(partitions('vigil.subscriber-risk.v1')).toBe(partitions('vigil.entity-events.v1'));
    expect(partitions('vigil.alert-router-state.v1')).toBe(partitions('vigil.alerts.v1'));
  });

  it('autoscales every consumer on its group lag, never beyond the partitions it reads', () => {
    // The console and the signal consume no group: the signal scales on CPU (its HorizontalPodAutoscaler).
    const consumers = vigilApps().filter((app) => app !== 'console' && app !== 'signal');
    const scaled = ofKind(objects, 'ScaledObject');
    expect(scaled.map((s) => (s.spec as any).scaleTargetRef.name).sort()).toEqual(consumers.sort());
    for (const object of scaled) {
      const spec = object.spec as any;
      const deployment = named(objects, 'Deployment', spec.scaleTargetRef.name)!;
      expect((deployment.spec as any).replicas).toBeUndefined(); // KEDA owns the count
      const groups = Object.entries(configMapData(container(deployment).envFrom[1].configMapRef.name))
        .filter(([key]) => key.endsWith('GROUP_ID'))
        .map(([, value]) => value);
      for (const trigger of spec.triggers) {
        expect(trigger.metadata.allowIdleConsumers).toBe('false');
        expect(groups).toContain(trigger.metadata.consumerGroup);
        const topic = ofKind(objects, 'KafkaTopic').find(
          (t) => (t.spec as any).topicName === trigger.metadata.topic,
        );
        expect(topic).toBeDefined();
        expect(spec.maxReplicaCount).toBeLessThanOrEqual((topic!.spec as any).partitions);
      }
      expect(spec.minReplicaCount).toBeLessThanOrEqual(spec.maxReplicaCount);
    }
  });

  it('exposes only the console, through an Ingress to its Service', () => {
    const [ingress] = ofKind(objects, 'Ingress');
    expect(ofKind(objects, 'Ingress')).toHaveLength(1);
    const backend = (ingress.spec as any).rules[0].http.paths[0].backend.service;
    expect(backend).toEqual({ name: 'console', port: { name: 'http' } });
    const service = named(objects, 'Service', 'console')!;
    expect((service.spec as any).selector).toEqual({ 'app.kubernetes.io/name': 'console' });
    expect(ofKind(objects, 'Service').every((s) => (s.spec as any).type === undefined)).toBe(true); // ClusterIP
  });

  it('runs ClickHouse as an operator-managed cluster with Keeper, reading its password from the Secret', () => {
    const [chi] = ofKind(objects, 'ClickHouseInstallation');
    const cluster = (chi.spec as any).configuration.clusters[0];
    expect(cluster.name).toBe('vigil');
    const expected =
      name === 'overlays/prod' ? { shardsCount: 2, replicasCount: 2 } : { shardsCount: 1, replicasCount: 1 };
    expect(cluster.layout).toEqual(expected);
    expect((chi.spec as any).configuration.users['vigil/k8s_secret_password']).toBe(
      'vigil-secrets/CLICKHOUSE_PASSWORD',
    );
    expect(ofKind(objects, 'ClickHouseKeeperInstallation')).toHaveLength(1);
  });
});

describe('secrets stay out of the repository', () => {
  it('commits no Secret manifest and no secret values', () => {
    // Secrets only come from git-ignored env files (dev) or the ExternalSecret (prod).
    const prod = rendered.renders['overlays/prod'];
    expect(ofKind(prod, 'Secret')).toEqual([]);
    expect(ofKind(prod, 'ExternalSecret').map((s) => (s.spec as any).target.name)).toEqual(['vigil-secrets']);
    expect(readFileSync(path.join(k8sRoot, '.gitignore'), 'utf8')).toMatch(
      /^overlays\/\*\/secrets\/\*\.env$/m,
    );
    const example = readFileSync(path.join(k8sRoot, 'overlays/dev/secrets/vigil.env.example'), 'utf8');
    const assignments = example.split('\n').filter((line) => /^[A-Z_]+=/.test(line));
    expect(assignments.length).toBeGreaterThan(0);
    for (const line of assignments) expect(line).toMatch(/^[A-Z_]+=$/);
  });
});
