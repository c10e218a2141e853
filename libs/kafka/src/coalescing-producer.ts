import type { Message, Producer } from 'kafkajs';
import { messageSize } from './message-size';
import { MAX_PRODUCE_REQUEST_BYTES } from './send-in-chunks';

/** Options of a CoalescingProducer. */
export interface CoalescingProducerOptions {
  /**
   * Bytes per produce request. A request never exceeds it, so neither does any record batch in it: keep it under
   * the broker's `message.max.bytes`.
   */
  maxRequestBytes?: number; // default 524_288 (512 KiB)
}

/** How one `send` may be split. */
export interface CoalescedSendOptions {
  /**
   * The messages all name one partition and must be appended all or none: they go into one request (one record
   * batch), never split. Used for a changelog write whose last record vouches for the ones before it.
   */
  atomic?: boolean;
}

interface PendingSend {
  resolve(): void;
  reject(error: unknown): void;
  /** Requests carrying part of this send that have not been acknowledged yet. */
  outstanding: number;
  settled: boolean;
}

interface OutgoingRequest {
  messagesByTopic: Map<string, Message[]>;
  bytes: number;
  sends: Set<PendingSend>;
}

/**
 * Merges the sends issued while a fetch's batches are handled (one event-loop turn) into as few produce requests as
 * possible: one request and one record batch per partition instead of one per handler and partition. A request that
 * fills up is dispatched at once, so the broker appends while the next batches are still being computed; the rest
 * goes out when the turn ends. Requests are pipelined, not awaited one by one, so they carry no order between them:
 * a caller that needs one write durable before another awaits the first. Each `send` resolves once all its messages
 * are acknowledged by all in-sync replicas (acks = -1).
 */
export class CoalescingProducer {
  readonly maxRequestBytes: number;
  private current: OutgoingRequest = emptyRequest();
  private flushScheduled = false;

  constructor(
    private readonly producer: Producer,
    options: CoalescingProducerOptions = {},
  ) {
    this.maxRequestBytes = options.maxRequestBytes ?? MAX_PRODUCE_REQUEST_BYTES;
  }

  send(topic: string, messages: readonly Message[], options: CoalescedSendOptions = {}): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const pending: PendingSend = { resolve, reject, outstanding: 0, settled: false };
      if (options.atomic) this.appendAtomic(pending, topic, messages);
      else for (const message of messages) this.append(pending, topic, [message], messageSize(message));
      this.scheduleFlush();
    });
  }

  private appendAtomic(pending: PendingSend, topic: string, messages: readonly Message[]): void {
    let bytes = 0;
    for (const message of messages) bytes += messageSize(message);
    if (bytes > this.maxRequestBytes) {
      pending.settled = true;
      pending.reject(
        new RangeError(
          `an atomic send of ${bytes} bytes exceeds the ${this.maxRequestBytes}-byte request limit`,
        ),
      );
      return;
    }
    this.append(pending, topic, messages, bytes);
  }

  private append(pending: PendingSend, topic: string, messages: readonly Message[], bytes: number): void {
    if (pending.settled) return;
    if (this.current.bytes > 0 && this.current.bytes + bytes > this.maxRequestBytes) this.dispatchCurrent();
    const request = this.current;
    const list = request.messagesByTopic.get(topic);
    if (list) list.push(...messages);
    else request.messagesByTopic.set(topic, [...messages]);
    request.bytes += bytes;
    if (!request.sends.has(pending)) {
      request.sends.add(pending);
      pending.outstanding += 1;
    }
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // setImmediate, not a microtask: the handlers of one fetch run their synchronous work in microtasks, and
    // their sends should share the request.
    setImmediate(() => {
      this.flushScheduled = false;
      if (this.current.bytes > 0) this.dispatchCurrent();
    });
  }

  private dispatchCurrent(): void {
    const request = this.current;
    this.current = emptyRequest();
    const topicMessages = [...request.messagesByTopic].map(([topic, messages]) => ({ topic, messages }));
    this.producer.sendBatch({ acks: -1, topicMessages }).then(
      () => {
        for (const pending of request.sends) {
          pending.outstanding -= 1;
          if (pending.outstanding === 0 && !pending.settled) {
            pending.settled = true;
            pending.resolve();
          }
        }
      },
      (error: unknown) => {
        for (const pending of request.sends) {
          if (pending.settled) continue;
          pending.settled = true;
          pending.reject(error);
        }
      },
    );
  }
}

function emptyRequest(): OutgoingRequest {
  return { messagesByTopic: new Map(), bytes: 0, sends: new Set() };
}
