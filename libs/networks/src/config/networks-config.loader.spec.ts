import { join } from 'node:path';
import { NetworksConfigError } from '../networks.errors';
import { loadNetworksConfig, parseNetworksConfig } from './networks-config.loader';

const CONFIG_DIR = join(__dirname, '../../../../config/networks');

describe('networks configuration', () => {
  it('loads the repository defaults', () => {
    const config = loadNetworksConfig(CONFIG_DIR);
    expect(config.detection.lure).toEqual({ windowMs: 6 * 3_600_000, minVictims: 5 });
    expect(config.detection.mule).toEqual({ windowMs: 24 * 3_600_000, minVictims: 5 });
    expect(config.detection.allowList.has('msisdn:77010000101')).toBe(true);
    expect(config.contacts.memoryMs).toBe(30 * 86_400_000);
    expect(config.blocklistEntryExpiryMs).toBe(30 * 86_400_000);
  });

  it('names every problem of an invalid document', () => {
    const detection = `lure: { window: 6 hours, minVictims: 1 }\nmule: { window: 24h, minVictims: 5 }\nallowedLateness: 10m\ncontacts: { memory: 30d, maxPerSubscriber: 200, maxSubscribersPerPartition: 10 }\nstate: { maxObservationsPerNumber: 400, maxTrackedNumbers: 10 }\nblocklist: { entryExpiry: 30d }\n`;
    try {
      parseNetworksConfig({ detection, allowList: 'merchants: [{ number: "shop", name: x }]' });
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(NetworksConfigError);
      expect((error as Error).message).toMatch(/lure\.window: a duration/);
      expect((error as Error).message).toMatch(/lure\.minVictims/);
    }
    expect(() =>
      parseNetworksConfig({
        detection: detection.replace('6 hours', '6h').replace('minVictims: 1', 'minVictims: 5'),
        allowList: 'merchants: [{ number: "shop", name: x }]',
      }),
    ).toThrow(/allowlist\.yaml: merchants\.0\.number/);
  });
});
