import Module from 'node:module';
import { groupMessagesPerPartition } from './message-grouping';
import { encodeProduceRequestBody, isFastEncodable, type ProduceRequestArgs } from './produce-request-body';
import { decodeRecord } from './record-decoding';

/** The kafkajs release whose internals these paths reproduce byte for byte (package.json pins it). */
const SUPPORTED_KAFKAJS_VERSION = '2.2.4';
const PRODUCE_API_KEY = 0;

/** What kafkajs' Produce v3 module builds: protocol/request.js awaits `encode()` and copies its `buffer`. */
interface ProduceRequest {
  apiKey: number;
  apiVersion: number;
  apiName: string;
  expectResponse(): boolean;
  encode(): Promise<{ buf: Buffer; buffer: Buffer }>;
}
type ProduceRequestBuilder = (args: ProduceRequestArgs) => ProduceRequest;

/** The slice of Node's CommonJS module cache the install touches. */
interface CachedModule {
  exports: unknown;
  loaded: boolean;
}

/** Which of the faster kafkajs paths are in place. */
export interface KafkajsFastPaths {
  /** Produce requests written by `encodeProduceRequestBody`. */
  recordEncoder: boolean;
  /** Messages grouped per partition in linear time. */
  messageGrouping: boolean;
  /** Fetched records read by `decodeRecord`. */
  recordDecoder: boolean;
}

const installed: KafkajsFastPaths = { recordEncoder: false, messageGrouping: false, recordDecoder: false };

/** The v3 builder that writes Vigil's messages itself and hands everything else to kafkajs' own. */
export function fastProduceRequestBuilder(original: ProduceRequestBuilder): ProduceRequestBuilder {
  return (args) => {
    if (!isFastEncodable(args)) return original(args);
    return {
      apiKey: PRODUCE_API_KEY,
      apiVersion: 3,
      apiName: 'Produce',
      expectResponse: () => args.acks !== 0,
      encode: async () => {
        const bytes = encodeProduceRequestBody(args);
        return { buf: bytes, buffer: bytes }; // what kafkajs' Encoder#writeEncoder reads
      },
    };
  };
}

function kafkajsModule(name: string): string {
  return require.resolve(`kafkajs/src/${name}`);
}

/** Puts `exports` where kafkajs' module `name` would go, unless kafkajs loaded that module already. */
function preload(cache: Record<string, CachedModule | undefined>, name: string, exports: unknown): boolean {
  const path = kafkajsModule(name);
  if (cache[path] !== undefined) return false;
  const replacement = new Module(path);
  replacement.filename = path;
  replacement.loaded = true;
  replacement.exports = exports;
  cache[path] = replacement;
  return true;
}

/**
 * Makes kafkajs produce with `encodeProduceRequestBody`, group messages per partition in linear time and read
 * fetched records with `decodeRecord`: same bytes and values, a fraction of the CPU and garbage (together about a
 * third of the ingest service's CPU and a sixth of the correlator's). The replacements go into Node's module cache
 * where kafkajs' own modules would be loaded from. kafkajs loads its message grouping when `kafkajs` itself is first
 * required, the others at the first produce and fetch: call this before any of that (libs/kafka's index does, first
 * thing). A path stays kafkajs' own when kafkajs is not the pinned release or the module is loaded already.
 */
export function installKafkajsFastPaths(): KafkajsFastPaths {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a module-cache entry is the only way in
  const version = (require('kafkajs/package.json') as { version: string }).version;
  if (version !== SUPPORTED_KAFKAJS_VERSION) return installed;
  const cache = require.cache as Record<string, CachedModule | undefined>;
  installed.messageGrouping ||= preload(
    cache,
    'producer/groupMessagesPerPartition',
    groupMessagesPerPartition,
  );
  installed.recordDecoder ||= preload(cache, 'protocol/recordBatch/record/v0/decoder', decodeRecord);
  if (!installed.recordEncoder) {
    // A later version (v4, or v5 under v6 and v7) that is loaded already holds the stock v3 builder.
    const captured = ['v4', 'v5'].some(
      (later) => cache[kafkajsModule(`protocol/requests/produce/${later}/request`)] !== undefined,
    );
    const path = kafkajsModule('protocol/requests/produce/v3/request');
    if (!captured) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- as above: kafkajs internals are untyped
      const original = require(path) as ProduceRequestBuilder;
      const entry = cache[path];
      if (entry) {
        entry.exports = fastProduceRequestBuilder(original);
        installed.recordEncoder = true;
      }
    }
  }
  return installed;
}
