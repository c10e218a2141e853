import { Counter, Gauge } from 'prom-client';

/** Metrics of the networks service, one place for all of them. */
export const networksMetrics = {
  observationsForwarded: new Counter({
    name: 'vigil_networks_observations_forwarded_total',
    help: 'Observations written to the repartition topic, by type (lure: an alert with a lure; transfer: a first-contact transfer)',
    labelNames: ['type'],
  }),
  observations: new Counter({
    name: 'vigil_networks_observations_total',
    help: 'Observations the detection stage read, by outcome (added, duplicate, late, allow_listed, replay_skipped)',
    labelNames: ['outcome'],
  }),
  findings: new Counter({
    name: 'vigil_networks_findings_total',
    help: 'Finding versions emitted (new or changed), by role',
    labelNames: ['role'],
  }),
  proposals: new Counter({
    name: 'vigil_networks_proposals_total',
    help: 'Pending block-list proposals written, by role',
    labelNames: ['role'],
  }),
  trackedNumbers: new Gauge({
    name: 'vigil_networks_tracked_numbers',
    help: 'Numbers the detection stage holds observations of',
  }),
  openFindings: new Gauge({
    name: 'vigil_networks_open_findings',
    help: 'Findings whose window is still open',
  }),
  contactSubscribers: new Gauge({
    name: 'vigil_networks_contact_subscribers',
    help: 'Subscribers whose contacts this instance remembers, per entity-events partition',
    labelNames: ['partition'],
  }),
  stateRestored: new Counter({
    name: 'vigil_networks_state_records_restored_total',
    help: 'Changelog records read at assignment, by store (contacts, detection) and outcome (applied, malformed)',
    labelNames: ['store', 'outcome'],
  }),
  replaysSkipped: new Counter({
    name: 'vigil_networks_replays_skipped_total',
    help: 'Input records whose effects the restored state already holds, by topic',
    labelNames: ['topic'],
  }),
};
