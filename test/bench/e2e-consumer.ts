/**
 * The consumer side of the end-to-end benchmark in its own thread, as a consuming service runs
 * apart from the producing one: a raw kafkajs consumer or an eventc `Consumer` on `topic`, each
 * handing every event to the same async handler. The parent posts `{ until: n }`; the thread
 * posts `{ count }` once n events were handled in total, and stops on `{ stop: true }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Consumer, subscribe } from '../../runtime/index.js';
import {
  descriptorFor,
  eventcClient,
  kafka,
  type,
  unique,
  type OrderPlaced,
} from './e2e-fixture.js';

export interface ConsumerThreadData {
  kind: 'raw' | 'eventc';
  topic: string;
}

export type ToConsumerThread = { until: number } | { stop: true };
export type FromConsumerThread = { started: true } | { count: number } | { stopped: true };

const port = parentPort!;
const { kind, topic } = workerData as ConsumerThreadData;
const post = (message: FromConsumerThread) => port.postMessage(message);

let count = 0;
let until = Number.POSITIVE_INFINITY;
const handle = async (_value: OrderPlaced): Promise<void> => {
  if (++count >= until) {
    until = Number.POSITIVE_INFINITY;
    post({ count });
  }
};

let stop: () => Promise<void>;
if (kind === 'raw') {
  const consumer = kafka().consumer({ groupId: unique('raw-thread-group') });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      for (const m of batch.messages) await handle(type.fromBuffer(m.value!.subarray(5)));
    },
  });
  stop = () => consumer.disconnect();
} else {
  const client = eventcClient('eventc-thread');
  const consumer = new Consumer(client, {
    groupId: unique('eventc-thread-group'),
    subscriptions: [subscribe<OrderPlaced>(descriptorFor(topic).versions[0]!, handle)],
  });
  await consumer.start();
  stop = () => client.close();
}

port.on('message', (message: ToConsumerThread) => {
  if ('stop' in message) {
    void stop().then(() => post({ stopped: true }));
    return;
  }
  until = message.until;
  if (count >= until) {
    until = Number.POSITIVE_INFINITY;
    post({ count });
  }
});
post({ started: true });
