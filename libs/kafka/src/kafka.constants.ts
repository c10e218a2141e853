/** Injection tokens of the Kafka module. */
export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');
export const KAFKA_PRODUCER = Symbol('KAFKA_PRODUCER');
/** The shared producer behind a CoalescingProducer: sends of concurrently handled batches share requests. */
export const COALESCING_PRODUCER = Symbol('COALESCING_PRODUCER');
export const BATCH_CONSUMER = Symbol('BATCH_CONSUMER');
/** Every batch consumer of the service with the transport serving it (ServedConsumer[]). */
export const SERVED_CONSUMERS = Symbol('SERVED_CONSUMERS');
/** Transport id of the service's main consumer (`KafkaModuleOptions.consumer`). */
export const MAIN_KAFKA_TRANSPORT = Symbol('MAIN_KAFKA_TRANSPORT');
export const KAFKA_MODULE_OPTIONS = Symbol('KAFKA_MODULE_OPTIONS');
