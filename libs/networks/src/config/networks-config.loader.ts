import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { NetworksConfigError } from '../networks.errors';
import type { ContactMemoryOptions, NetworkDetectionOptions } from '../networks.options';
import { numberEntityOf } from '../observations/number-entity';

export const NETWORKS_CONFIG_FILES = { detection: 'networks.yaml', allowList: 'allowlist.yaml' } as const;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** `90s`, `6h`, `30d`: a positive duration, in ms. */
const duration = z
  .string()
  .regex(/^\d+(ms|s|m|h|d)$/, 'a duration such as 30m, 6h or 30d')
  .transform((text) => {
    const [, amount, unit] = /^(\d+)(ms|s|m|h|d)$/.exec(text)!;
    return Number(amount) * UNIT_MS[unit];
  })
  .refine((ms) => ms > 0, 'must be longer than 0');
const count = z.number().int().min(1);

const threshold = z.object({ window: duration, minVictims: count.min(2) }).strict();

const detectionFileSchema = z
  .object({
    lure: threshold,
    mule: threshold,
    allowedLateness: duration,
    contacts: z
      .object({ memory: duration, maxPerSubscriber: count, maxSubscribersPerPartition: count })
      .strict(),
    state: z.object({ maxObservationsPerNumber: count.min(200), maxTrackedNumbers: count }).strict(),
    blocklist: z.object({ entryExpiry: duration }).strict(),
  })
  .strict();

const allowListFileSchema = z
  .object({
    /** Legitimate merchants and shops paid by many new customers every day; never reported as mules. */
    merchants: z.array(
      z.object({ number: z.string().regex(/^\+?\d{8,15}$/), name: z.string().min(1) }).strict(),
    ),
  })
  .strict();

/** The validated configuration of scam-network detection. */
export interface NetworksConfig {
  detection: NetworkDetectionOptions;
  contacts: ContactMemoryOptions;
  /** Default lifetime of an approved block-list entry (the console's approval API reads it too). */
  blocklistEntryExpiryMs: number;
}

function parseDocument<S extends z.ZodType>(text: string, schema: S, source: string): z.infer<S> {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    throw new NetworksConfigError(source, [`(root): not valid YAML (${(error as Error).message})`]);
  }
  const result = schema.safeParse(doc);
  if (!result.success)
    throw new NetworksConfigError(
      source,
      result.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`),
    );
  return result.data;
}

/** Validates the two documents; throws NetworksConfigError naming every problem. */
export function parseNetworksConfig(sources: { detection: string; allowList: string }): NetworksConfig {
  const detection = parseDocument(sources.detection, detectionFileSchema, NETWORKS_CONFIG_FILES.detection);
  const allowList = parseDocument(sources.allowList, allowListFileSchema, NETWORKS_CONFIG_FILES.allowList);
  return {
    detection: {
      lure: { windowMs: detection.lure.window, minVictims: detection.lure.minVictims },
      mule: { windowMs: detection.mule.window, minVictims: detection.mule.minVictims },
      allowList: new Set(allowList.merchants.map((merchant) => numberEntityOf(merchant.number))),
      allowedLatenessMs: detection.allowedLateness,
      maxObservationsPerNumber: detection.state.maxObservationsPerNumber,
      maxTrackedNumbers: detection.state.maxTrackedNumbers,
    },
    contacts: {
      memoryMs: detection.contacts.memory,
      maxContactsPerSubscriber: detection.contacts.maxPerSubscriber,
      maxSubscribers: detection.contacts.maxSubscribersPerPartition,
    },
    blocklistEntryExpiryMs: detection.blocklist.entryExpiry,
  };
}

/** Reads and validates config/networks (or `dir`). */
export function loadNetworksConfig(dir: string): NetworksConfig {
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  return parseNetworksConfig({
    detection: read(NETWORKS_CONFIG_FILES.detection),
    allowList: read(NETWORKS_CONFIG_FILES.allowList),
  });
}
