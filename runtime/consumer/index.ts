/**
 * Consumer: typed handling. A `Consumer` joins a group, decodes each message into the
 * version its subscription reads, skips duplicates (idempotency store), runs handlers with
 * back-pressure, deadlines and retries, parks what cannot be handled on the dead-letter topic,
 * and commits only offsets whose events are done.
 */
export { Consumer, type ConsumerOptions } from './consumer.js';
export { subscribe, type EventContext, type Subscription } from './context.js';
export {
  retryPolicy,
  retryDelay,
  retrySchedule,
  DEFAULT_RETRY,
  type RetryOptions,
  type RetryPolicy,
} from './retry.js';
export { deadLetterTopic, deadLetterMessage } from './dlq.js';
export { MemoryIdempotencyStore, type IdempotencyStore } from './idempotency.js';
