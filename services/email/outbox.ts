/**
 * Where the email service "sends" mail: one JSON line per message, appended to the file
 * named by `EMAIL_OUTBOX` (default `email-outbox.jsonl` in the working directory), and a
 * log line. Each line carries the event id that caused it, so a reader can check that
 * every event produced exactly one message.
 */
import { appendFile } from 'node:fs/promises';
import type { EventContext } from 'eventc/runtime';

export interface Mail {
  kind: 'order-received' | 'order-confirmed' | 'order-rejected';
  orderId: string;
  subject: string;
  body: string;
}

const outbox = process.env.EMAIL_OUTBOX ?? 'email-outbox.jsonl';

export async function send(mail: Mail, ctx: EventContext): Promise<void> {
  const line = {
    ...mail,
    eventId: ctx.eventId,
    eventType: ctx.eventType,
    writerVersion: ctx.writerVersion,
    readerVersion: ctx.readerVersion,
    correlationId: ctx.correlationId,
  };
  await appendFile(outbox, `${JSON.stringify(line)}\n`);
  process.stdout.write(
    `email: ${mail.subject} (order ${mail.orderId}, ${ctx.eventType} v${ctx.writerVersion} read as v${ctx.readerVersion})\n`,
  );
}

export function formatMoney(amountMinor: number, currency: string): string {
  return `${(amountMinor / 100).toFixed(2)} ${currency}`;
}
