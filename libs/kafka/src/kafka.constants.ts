/** Injection tokens of the Kafka module. */
export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');
export const KAFKA_PRODUCER = Symbol('KAFKA_PRODUCER');
/** The shared producer behind a CoalescingProducer: sends of concurrently handled batches share requests. */
export const COALESCING_PRODUCER = Symbol('COALESCING_PRODUCER');
export const BATCH_CONSUMER = Symbol('BATCH_CONSUMER');
export const KAFKA_MODULE_OPTIONS = Symbol('KAFKA_MODULE_OPTIONS');
