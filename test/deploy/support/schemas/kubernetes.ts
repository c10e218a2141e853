// The built-in Kubernetes kinds deploy/k8s uses, written from the API reference (v1.30) for the fields Vigil's
// manifests set. Strict: a field not listed here fails validation, so adding a new field means adding it here
// after checking the reference. With `kubernetes-models` installed, validate.ts also checks against its full
// generated schemas.
import {
  annotations,
  arr,
  bool,
  dnsLabel,
  dnsSubdomain,
  enumOf,
  int,
  intOrString,
  labels,
  mapOf,
  obj,
  oneOf,
  pattern,
  portName,
  portNumber,
  quantity,
  resource,
  str,
  type Schema,
} from './json-schema';

const labelSelector = obj({
  matchLabels: labels,
  matchExpressions: arr(
    obj({ key: str, operator: enumOf('In', 'NotIn', 'Exists', 'DoesNotExist'), values: arr(str) }, [
      'key',
      'operator',
    ]),
  ),
});

const resources = obj({ requests: mapOf(quantity), limits: mapOf(quantity) });

const probe = obj({
  httpGet: obj({ path: str, port: intOrString, scheme: enumOf('HTTP', 'HTTPS') }, ['port']),
  tcpSocket: obj({ port: intOrString }, ['port']),
  exec: obj({ command: arr(str) }),
  initialDelaySeconds: int(0),
  periodSeconds: int(1),
  timeoutSeconds: int(1),
  successThreshold: int(1),
  failureThreshold: int(1),
});

const keyRef = obj({ name: dnsSubdomain, key: str, optional: bool }, ['name', 'key']);
const envVar = obj(
  {
    name: pattern('^[-._a-zA-Z][-._a-zA-Z0-9]*$'),
    value: str,
    valueFrom: obj({
      configMapKeyRef: keyRef,
      secretKeyRef: keyRef,
      fieldRef: obj({ fieldPath: str, apiVersion: str }, ['fieldPath']),
    }),
  },
  ['name'],
);
const nameRef = obj({ name: dnsSubdomain, optional: bool }, ['name']);

const container = obj(
  {
    name: dnsLabel,
    image: str,
    imagePullPolicy: enumOf('Always', 'IfNotPresent', 'Never'),
    command: arr(str),
    args: arr(str),
    workingDir: str,
    ports: arr(
      obj({ name: portName, containerPort: portNumber, protocol: enumOf('TCP', 'UDP', 'SCTP') }, [
        'containerPort',
      ]),
    ),
    env: arr(envVar),
    envFrom: arr(obj({ prefix: str, configMapRef: nameRef, secretRef: nameRef })),
    resources,
    startupProbe: probe,
    livenessProbe: probe,
    readinessProbe: probe,
    securityContext: obj({
      allowPrivilegeEscalation: bool,
      readOnlyRootFilesystem: bool,
      runAsNonRoot: bool,
      runAsUser: int(0),
      runAsGroup: int(0),
      capabilities: obj({ add: arr(str), drop: arr(str) }),
    }),
    volumeMounts: arr(
      obj({ name: str, mountPath: str, readOnly: bool, subPath: str }, ['name', 'mountPath']),
    ),
  },
  ['name'],
);

const volume = obj(
  {
    name: dnsLabel,
    emptyDir: obj({ medium: str, sizeLimit: quantity }),
    configMap: obj({ name: dnsSubdomain, defaultMode: int(0, 511) }, ['name']),
    secret: obj({ secretName: dnsSubdomain, defaultMode: int(0, 511) }, ['secretName']),
  },
  ['name'],
);

export const podSpec = obj(
  {
    containers: arr(container, 1),
    initContainers: arr(container),
    volumes: arr(volume),
    serviceAccountName: dnsSubdomain,
    automountServiceAccountToken: bool,
    enableServiceLinks: bool,
    terminationGracePeriodSeconds: int(0),
    securityContext: obj({
      runAsNonRoot: bool,
      runAsUser: int(0),
      runAsGroup: int(0),
      fsGroup: int(0),
      seccompProfile: obj({ type: enumOf('RuntimeDefault', 'Localhost', 'Unconfined') }, ['type']),
    }),
    nodeSelector: mapOf(str),
    topologySpreadConstraints: arr(
      obj(
        {
          maxSkew: int(1),
          topologyKey: str,
          whenUnsatisfiable: enumOf('DoNotSchedule', 'ScheduleAnyway'),
          labelSelector,
        },
        ['maxSkew', 'topologyKey', 'whenUnsatisfiable'],
      ),
    ),
  },
  ['containers'],
);

const deployment = resource(
  'apps/v1',
  'Deployment',
  {
    spec: obj(
      {
        replicas: int(0),
        revisionHistoryLimit: int(0),
        selector: labelSelector,
        strategy: obj({
          type: enumOf('RollingUpdate', 'Recreate'),
          rollingUpdate: obj({ maxSurge: intOrString, maxUnavailable: intOrString }),
        }),
        template: obj({ metadata: obj({ labels, annotations }), spec: podSpec }, ['spec']),
      },
      ['selector', 'template'],
    ),
  },
  ['spec'],
);

const service = resource(
  'v1',
  'Service',
  {
    spec: obj(
      {
        type: enumOf('ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'),
        selector: mapOf(str),
        ports: arr(
          obj(
            {
              name: portName,
              port: portNumber,
              targetPort: intOrString,
              protocol: enumOf('TCP', 'UDP', 'SCTP'),
            },
            ['port'],
          ),
          1,
        ),
      },
      ['ports'],
    ),
  },
  ['spec'],
);

const pdb = resource(
  'policy/v1',
  'PodDisruptionBudget',
  {
    spec: {
      ...obj({ selector: labelSelector, minAvailable: intOrString, maxUnavailable: intOrString }, [
        'selector',
      ]),
      // The API refuses both at once.
      not: { required: ['minAvailable', 'maxUnavailable'] },
    },
  },
  ['spec'],
);

const peer = obj({
  podSelector: labelSelector,
  namespaceSelector: labelSelector,
  ipBlock: obj({ cidr: str, except: arr(str) }, ['cidr']),
});
const policyPorts = arr(
  obj({ protocol: enumOf('TCP', 'UDP', 'SCTP'), port: intOrString, endPort: portNumber }),
);
const networkPolicy = resource(
  'networking.k8s.io/v1',
  'NetworkPolicy',
  {
    spec: obj(
      {
        podSelector: labelSelector,
        policyTypes: arr(enumOf('Ingress', 'Egress')),
        ingress: arr(obj({ from: arr(peer), ports: policyPorts })),
        egress: arr(obj({ to: arr(peer), ports: policyPorts })),
      },
      ['podSelector'],
    ),
  },
  ['spec'],
);

const backendPort = oneOf(obj({ name: portName }, ['name']), obj({ number: portNumber }, ['number']));
const ingress = resource(
  'networking.k8s.io/v1',
  'Ingress',
  {
    spec: obj({
      ingressClassName: str,
      tls: arr(obj({ hosts: arr(str), secretName: str })),
      rules: arr(
        obj({
          host: str,
          http: obj(
            {
              paths: arr(
                obj(
                  {
                    path: str,
                    pathType: enumOf('Exact', 'Prefix', 'ImplementationSpecific'),
                    backend: obj({ service: obj({ name: dnsLabel, port: backendPort }, ['name', 'port']) }, [
                      'service',
                    ]),
                  },
                  ['pathType', 'backend'],
                ),
                1,
              ),
            },
            ['paths'],
          ),
        }),
      ),
    }),
  },
  ['spec'],
);

// autoscaling/v2: a CPU-utilization target and a scale-down window (the signal service).
const hpa = resource(
  'autoscaling/v2',
  'HorizontalPodAutoscaler',
  {
    spec: obj(
      {
        scaleTargetRef: obj({ apiVersion: str, kind: str, name: dnsLabel }, ['kind', 'name']),
        minReplicas: int(1),
        maxReplicas: int(1),
        metrics: arr(
          obj(
            {
              type: enumOf('Resource', 'Pods', 'Object', 'External', 'ContainerResource'),
              resource: obj(
                {
                  name: str,
                  target: obj(
                    {
                      type: enumOf('Utilization', 'Value', 'AverageValue'),
                      averageUtilization: int(1),
                      averageValue: quantity,
                      value: quantity,
                    },
                    ['type'],
                  ),
                },
                ['name', 'target'],
              ),
            },
            ['type'],
          ),
        ),
        behavior: obj({
          scaleUp: obj({ stabilizationWindowSeconds: int(0, 3600) }),
          scaleDown: obj({ stabilizationWindowSeconds: int(0, 3600) }),
        }),
      },
      ['scaleTargetRef', 'maxReplicas'],
    ),
  },
  ['spec'],
);

const configMapKey = '^[-._a-zA-Z0-9]+$';
const configMap = resource('v1', 'ConfigMap', {
  data: { type: 'object', propertyNames: { pattern: configMapKey }, additionalProperties: str },
  immutable: bool,
});
const secret = resource('v1', 'Secret', {
  type: str,
  data: {
    type: 'object',
    propertyNames: { pattern: configMapKey },
    additionalProperties: pattern('^[A-Za-z0-9+/]*={0,2}$'),
  },
  immutable: bool,
});
const namespace = resource('v1', 'Namespace', {});

/** Schemas by `apiVersion/kind`. */
export const kubernetesSchemas: Record<string, Schema> = {
  'apps/v1/Deployment': deployment,
  'v1/Service': service,
  'v1/ConfigMap': configMap,
  'v1/Secret': secret,
  'v1/Namespace': namespace,
  'policy/v1/PodDisruptionBudget': pdb,
  'networking.k8s.io/v1/NetworkPolicy': networkPolicy,
  'networking.k8s.io/v1/Ingress': ingress,
  'autoscaling/v2/HorizontalPodAutoscaler': hpa,
};
