// Minimal schemas of the operators' custom resources deploy/k8s uses, written from their documentation (Strimzi
// 0.4x KafkaTopic v1beta2, KEDA 2.x ScaledObject and its Kafka scaler, Altinity clickhouse-operator 0.24
// ClickHouseInstallation / ClickHouseKeeperInstallation, External Secrets Operator ExternalSecret v1beta1). No
// npm package ships them (checked: `npm view @kubernetes-models/strimzi` → 404); the operators' CRDs accept more
// fields than listed here, and these stay strict so a misspelling fails.
import { podSpec } from './kubernetes';
import {
  arr,
  bool,
  dnsLabel,
  enumOf,
  int,
  mapOf,
  obj,
  objectMeta,
  pattern,
  quantity,
  resource,
  str,
  type Schema,
} from './json-schema';

const numericString = pattern('^[0-9]+$');

/** Topic configs Vigil sets, with the values Kafka accepts (https://kafka.apache.org/documentation/#topicconfigs). */
const topicConfig = obj({
  'cleanup.policy': enumOf('delete', 'compact', 'compact,delete', 'delete,compact'),
  'min.insync.replicas': int(1),
  'retention.ms': int(-1),
  'retention.bytes': int(-1),
  'segment.ms': int(1),
  'min.compaction.lag.ms': int(0),
  'max.message.bytes': int(0),
});
const kafkaTopic = resource(
  'kafka.strimzi.io/v1beta2',
  'KafkaTopic',
  {
    spec: obj({ topicName: str, partitions: int(1), replicas: int(1, 32767), config: topicConfig }, [
      'partitions',
      'replicas',
    ]),
  },
  ['spec'],
  // The Topic Operator only picks up topics labelled with the Kafka cluster they belong to.
  {
    allOf: [
      objectMeta,
      {
        type: 'object',
        required: ['labels'],
        properties: { labels: { type: 'object', required: ['strimzi.io/cluster'] } },
      },
    ],
  },
);

/** KEDA's Kafka scaler parameters (https://keda.sh/docs/latest/scalers/apache-kafka/); all values are strings. */
const kafkaTriggerMetadata: Schema = {
  ...obj(
    {
      bootstrapServers: str,
      bootstrapServersFromEnv: str,
      consumerGroup: str,
      topic: str,
      lagThreshold: numericString,
      activationLagThreshold: numericString,
      offsetResetPolicy: enumOf('earliest', 'latest'),
      allowIdleConsumers: enumOf('true', 'false'),
      scaleToZeroOnInvalidOffset: enumOf('true', 'false'),
      excludePersistentLag: enumOf('true', 'false'),
      limitToPartitionsWithLag: enumOf('true', 'false'),
      version: str,
      sasl: str,
      tls: str,
    },
    ['consumerGroup'],
  ),
  anyOf: [{ required: ['bootstrapServers'] }, { required: ['bootstrapServersFromEnv'] }],
};
const hpaRule = obj({
  stabilizationWindowSeconds: int(0, 3600),
  selectPolicy: enumOf('Max', 'Min', 'Disabled'),
  policies: arr(
    obj({ type: enumOf('Pods', 'Percent'), value: int(1), periodSeconds: int(1, 1800) }, [
      'type',
      'value',
      'periodSeconds',
    ]),
  ),
});
const scaledObject = resource(
  'keda.sh/v1alpha1',
  'ScaledObject',
  {
    spec: obj(
      {
        scaleTargetRef: obj({ name: str, kind: str, apiVersion: str, envSourceContainerName: str }, ['name']),
        pollingInterval: int(1),
        cooldownPeriod: int(0),
        idleReplicaCount: int(0),
        minReplicaCount: int(0),
        maxReplicaCount: int(1),
        advanced: obj({
          restoreToOriginalReplicaCount: bool,
          horizontalPodAutoscalerConfig: obj({
            name: str,
            behavior: obj({ scaleUp: hpaRule, scaleDown: hpaRule }),
          }),
        }),
        triggers: arr(
          obj(
            {
              type: enumOf('kafka'),
              name: str,
              metadata: kafkaTriggerMetadata,
              authenticationRef: obj({ name: str, kind: str }, ['name']),
            },
            ['type', 'metadata'],
          ),
          1,
        ),
      },
      ['scaleTargetRef', 'triggers'],
    ),
  },
  ['spec'],
);

const volumeClaimTemplate = obj(
  {
    name: dnsLabel,
    spec: obj(
      {
        accessModes: arr(enumOf('ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'), 1),
        storageClassName: str,
        resources: obj({ requests: obj({ storage: quantity }, ['storage']) }, ['requests']),
      },
      ['accessModes', 'resources'],
    ),
  },
  ['name', 'spec'],
);
const templates = obj({
  podTemplates: arr(obj({ name: dnsLabel, spec: podSpec }, ['name', 'spec'])),
  volumeClaimTemplates: arr(volumeClaimTemplate),
});
const defaultTemplates = obj({
  templates: obj({
    podTemplate: str,
    dataVolumeClaimTemplate: str,
    logVolumeClaimTemplate: str,
    volumeClaimTemplate: str,
    serviceTemplate: str,
  }),
});

const clickHouseInstallation = resource(
  'clickhouse.altinity.com/v1',
  'ClickHouseInstallation',
  {
    spec: obj(
      {
        configuration: obj(
          {
            zookeeper: obj({ nodes: arr(obj({ host: str, port: int(1, 65535) }, ['host']), 1) }, ['nodes']),
            // Flat `user/setting: value` keys, e.g. `vigil/k8s_secret_password: secret/key` (never a password).
            // A plain-text `user/password` is refused.
            users: {
              type: 'object',
              propertyNames: { pattern: '^[a-z_][a-z0-9_]*/' },
              patternProperties: { '/password$': false },
            },
            profiles: mapOf({}),
            settings: mapOf({}),
            clusters: arr(
              obj(
                {
                  name: dnsLabel,
                  layout: obj({ shardsCount: int(1), replicasCount: int(1) }, [
                    'shardsCount',
                    'replicasCount',
                  ]),
                },
                ['name', 'layout'],
              ),
              1,
            ),
          },
          ['clusters'],
        ),
        defaults: defaultTemplates,
        templates,
      },
      ['configuration'],
    ),
  },
  ['spec'],
);

const clickHouseKeeperInstallation = resource(
  'clickhouse-keeper.altinity.com/v1',
  'ClickHouseKeeperInstallation',
  {
    spec: obj(
      {
        configuration: obj(
          {
            clusters: arr(
              obj({ name: dnsLabel, layout: obj({ replicasCount: int(1) }, ['replicasCount']) }, [
                'name',
                'layout',
              ]),
              1,
            ),
            settings: mapOf({}),
          },
          ['clusters'],
        ),
        defaults: defaultTemplates,
        templates,
      },
      ['configuration'],
    ),
  },
  ['spec'],
);

const externalSecret = resource(
  'external-secrets.io/v1beta1',
  'ExternalSecret',
  {
    spec: obj(
      {
        refreshInterval: pattern('^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$'),
        secretStoreRef: obj({ name: str, kind: enumOf('SecretStore', 'ClusterSecretStore') }, ['name']),
        target: obj({ name: str, creationPolicy: enumOf('Owner', 'Orphan', 'Merge', 'None') }),
        data: arr(
          obj({ secretKey: str, remoteRef: obj({ key: str, property: str }, ['key']) }, [
            'secretKey',
            'remoteRef',
          ]),
        ),
        dataFrom: arr(obj({ extract: obj({ key: str }, ['key']) })),
      },
      ['secretStoreRef'],
    ),
  },
  ['spec'],
);

/** Schemas by `apiVersion/kind`. */
export const customResourceSchemas: Record<string, Schema> = {
  'kafka.strimzi.io/v1beta2/KafkaTopic': kafkaTopic,
  'keda.sh/v1alpha1/ScaledObject': scaledObject,
  'clickhouse.altinity.com/v1/ClickHouseInstallation': clickHouseInstallation,
  'clickhouse-keeper.altinity.com/v1/ClickHouseKeeperInstallation': clickHouseKeeperInstallation,
  'external-secrets.io/v1beta1/ExternalSecret': externalSecret,
};
