/**
 * Producer: typed publishing. A `Publisher` validates and encodes one event version; the
 * client's one `Sender` batches what every publisher sends into the shared idempotent kafkajs
 * producer, partitions keys as Kafka's own murmur2 partitioner does, and reports each event's
 * outcome. `Transaction` groups publishes (and consumed offsets) atomically.
 */
export { Publisher, type PublishOptions, type PublishResult, type BatchItem } from './publisher.js';
export type { Transaction } from './transaction.js';
export type { SenderOptions } from './sender.js';
