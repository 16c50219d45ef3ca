/**
 * The documented scenario, end to end through the typed client: starts a server in-process
 * (embedded store, local responder) unless AISLE_URL points at a running one.
 */
import { createAisleClient } from '@aisle/client';
import { createApp, loadConfig } from '@aisle/server';

const line = (s = '') => process.stdout.write(`${s}\n`);
const title = (s: string) => line(`\n\x1b[1m== ${s}\x1b[0m`);
const money = (n: number) =>
  `$${n.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 2 })}`;

async function main(): Promise<void> {
  let url = process.env.AISLE_URL;
  let stop = async () => {};
  if (!url) {
    const app = await createApp(loadConfig({ ...process.env, PORT: '0', LOG_LEVEL: 'warn' }));
    url = app.url;
    stop = () => app.close();
    line(
      `Started an in-process server at ${url} (memory store, ${app.services.provider.name} responder)`,
    );
  }
  const client = createAisleClient({ url });
  try {
    title('Create a session');
    const { session_id: sessionId } = await client.session.create.mutate({});
    line(`session_id: ${sessionId} (its token is remembered by the client)`);

    const ask = async (q: string) => {
      line(`\n> ${q}`);
      const r = await client.shopping.query.mutate({ q, sessionId });
      line(`[${r.intent}${r.cached ? ', cached' : ''}] ${r.answer}`);
    };

    title('Ask');
    await ask('What smartphones do you have?');

    title('Set preferences: budget 500-1000, Apple and Samsung');
    const prefs = await client.preferences.update.mutate({
      sessionId,
      budget_range: '500-1000',
      preferred_brands: ['Apple', 'Samsung'],
    });
    line(JSON.stringify(prefs.preferences));

    title('Ask again');
    await ask('What smartphones do you have?');
    await ask('Which of those is cheapest?');

    title('Add the iPhone 15 Pro to the cart');
    const cart = await client.cart.add.mutate({ sessionId, sku: 'IPH15PRO-256', quantity: 1 });
    for (const item of cart.items)
      line(`${item.quantity} x ${item.name} (${item.sku}) ${money(item.price)}`);
    line(`subtotal: ${money(cart.subtotal)}`);

    title('Session info and analytics');
    const info = await client.session.info.query({ sessionId });
    const si = info.session_info;
    line(
      `created ${si.created_at}, last active ${si.last_active}, ${si.conversation_count} messages`,
    );
    const a = info.analytics;
    line(
      `duration ${a.session_duration}; ${a.user_message_count} questions, ${a.assistant_message_count} answers; cache hits ${a.cache_hits}`,
    );
    line(`top topics: ${a.top_topics.map((t) => `${t.word} (${t.count})`).join(', ')}`);

    title('Conversation');
    const conv = await client.session.conversation.query({ sessionId, limit: 20 });
    for (const m of conv.conversation) {
      const text = m.content.length > 100 ? `${m.content.slice(0, 97)}...` : m.content;
      line(`${m.timestamp}  ${m.role.padEnd(9)} ${text.replace(/\n/g, ' ')}`);
    }
  } finally {
    await stop();
  }
}

main().catch((err) => {
  process.stderr.write(`demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
