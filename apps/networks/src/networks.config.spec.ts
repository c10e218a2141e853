import { loadNetworksSettings } from './networks.config';

describe('networks settings', () => {
  it('defaults to the standard topics, its two groups, port 3007 and the repository thresholds', () => {
    const settings = loadNetworksSettings({ VIGIL_ENV: 'development', VIGIL_TOPIC_PREFIX: 't-' });
    expect(settings.topics.networkObservations).toBe('t-vigil.network-observations.v1');
    expect(settings.topics.blocklistProposals).toBe('t-vigil.blocklist-proposals.v1');
    expect(settings.groups).toEqual({
      repartition: 'vigil-networks-repartition',
      detection: 'vigil-networks-detection',
    });
    expect(settings.http.port).toBe(3007);
    expect(settings.networks.detection.lure.minVictims).toBe(5);
  });

  it('refuses a configuration directory that is not there, naming it', () => {
    expect(() =>
      loadNetworksSettings({ VIGIL_ENV: 'development', NETWORKS_CONFIG_DIR: '/nonexistent/networks' }),
    ).toThrow(/nonexistent\/networks/);
  });
});
