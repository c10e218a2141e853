import { evaluateNetworksInProcess } from './in-process-network-evaluation';

describe('evaluateNetworksInProcess', () => {
  // Scam campaigns, mules and their benign look-alikes through ingest, the correlator and the networks stage.
  const result = evaluateNetworksInProcess({
    seed: 77,
    subscribers: 200,
    scenarios: { perTypology: 0 },
    startMs: Date.parse('2025-06-01T00:00:00.000Z'),
    durationMs: 24 * 3_600_000,
    networks: {
      callerCampaigns: 10,
      senderCampaigns: 6,
      phishingPairs: 4,
      mules: 10,
      busyCallers: 10,
      allowListedShops: 6,
      familyPots: 10,
      smallSellers: 10,
    },
  });

  it('finds scam callers and senders with precision and recall of at least 0.95', () => {
    expect(result.campaign.expected).toBe(24);
    expect(result.campaign.recall).toBeGreaterThanOrEqual(0.95);
    expect(result.campaign.precision).toBeGreaterThanOrEqual(0.95);
  });

  it('finds mules with precision and recall of at least 0.95', () => {
    expect(result.mule.expected).toBe(10);
    expect(result.mule.recall).toBeGreaterThanOrEqual(0.95);
    expect(result.mule.precision).toBeGreaterThanOrEqual(0.95);
  });

  it('puts the two senders of one phishing campaign into one campaign', () => {
    expect(result.campaignGrouping).toBe(1);
  });
});
