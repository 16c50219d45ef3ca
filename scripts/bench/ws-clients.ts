/**
 * One server's fleet of WebSocket clients for the fan-out bench, in a child process (forked by
 * ws.ts): 10,000 sockets need 10,000 file descriptors, and a process may hold 20,000 here
 * (`ulimit -n`, hard limit, not raisable without privileges), so each server's clients get a
 * process of their own, as each server does.
 *
 *   aisle  N sockets, each with one `admin.events` subscription; a round is one REST cart add
 *   bare   N plain sockets; a round is one POST /mutate, whose body the server broadcasts
 *
 * A round times every socket's arrival from just before the mutation is sent, unparsed (the
 * clients are the instrument: they must cost both servers alike, and little). IPC: connect,
 * round (-> latencies in ms, a Float64Array), sample (the last frame, aisle), stop.
 */
import { performance } from 'node:perf_hooks';
import type { RawData } from 'ws';
import { sleep } from './common';
import { keepAliveAgent, sendJson } from './load';
import { serveParent } from './ws-child';
import { inBatches, openSocket, subscribeTrpc, type WsSocket } from './ws-lib';

export type ClientsMode = 'aisle' | 'bare';

export type ClientsRequest =
  | { type: 'connect'; port: number; count: number; adminToken: string }
  | { type: 'round'; body: string }
  | { type: 'sample' }
  | { type: 'stop' };

export type ClientsReply =
  | { type: 'ready' }
  | { type: 'connected' }
  | { type: 'round'; latencies: Float64Array }
  | { type: 'sample'; frame: string }
  | { type: 'error'; message: string };

interface Round {
  t0: number;
  latencies: Float64Array;
  n: number;
  done: () => void;
}

const mode = process.argv[2] as ClientsMode;
const sockets: WsSocket[] = [];
const agent = keepAliveAgent(1);
let round: Round | undefined;
let lastFrame: RawData | undefined;
let mutate: (body: string) => Promise<unknown> = async () => {};

/** The arrival listener, shared by every socket; `round` is the one in flight. */
function arrival(): void {
  const r = round;
  if (!r) return;
  r.latencies[r.n] = performance.now() - r.t0;
  r.n += 1;
  if (r.n === r.latencies.length) r.done();
}

function onAisleFrame(frame: RawData): void {
  lastFrame = frame;
  arrival();
}

async function connectAisle(port: number, count: number, adminToken: string): Promise<void> {
  const created = (await sendJson(agent, port, {
    method: 'POST',
    path: '/api/v1/shopping/session',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  })) as { data: { session_id: string; session_token: string } };
  const session = created.data;
  let started = 0;
  let failure = '';
  await inBatches(count, 100, async () => {
    sockets.push(
      await subscribeTrpc({
        baseUrl: `http://127.0.0.1:${port}`,
        connectionParams: { adminToken },
        path: 'admin.events',
        input: {},
        onReply: (reply, raw) => {
          if (reply.error) failure ||= `admin.events: ${raw.slice(0, 300)}`;
          if (reply.result?.type === 'started') started += 1;
        },
      }),
    );
  });
  for (let t = 0; started < count && !failure && t < 600; t++) await sleep(50);
  if (started < count) throw new Error(`only ${started}/${count} subscriptions started ${failure}`);
  await sleep(300); // every feed past its backlog read
  // From here on only the fan-out's data frames arrive: each socket then takes the same
  // listener as a bare client's, so both fleets cost their servers alike.
  for (const s of sockets) {
    s.removeAllListeners('message');
    s.on('message', onAisleFrame);
  }
  const body = JSON.stringify({ sku: 'IPH15-128', quantity: 1 });
  mutate = () =>
    sendJson(agent, port, {
      method: 'POST',
      path: `/api/v1/shopping/session/${session.session_id}/cart/add`,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${session.session_token}`,
      },
      body,
    });
}

async function connectBare(port: number, count: number): Promise<void> {
  await inBatches(count, 100, async () => {
    const s = await openSocket(`ws://127.0.0.1:${port}/`);
    s.on('message', arrival);
    sockets.push(s);
  });
  mutate = (body) =>
    sendJson(agent, port, {
      method: 'POST',
      path: '/mutate',
      headers: { 'content-type': 'application/json' },
      body,
    });
}

async function runRound(body: string): Promise<Float64Array> {
  let done: () => void = () => {};
  const delivered = new Promise<void>((r) => {
    done = r;
  });
  const r: Round = { t0: 0, latencies: new Float64Array(sockets.length), n: 0, done };
  round = r;
  r.t0 = performance.now();
  await mutate(body);
  const timedOut = await Promise.race([
    delivered.then(() => false),
    sleep(15_000).then(() => true),
  ]);
  round = undefined;
  if (timedOut) throw new Error(`${mode}: ${r.n}/${sockets.length} deliveries in 15 s`);
  return r.latencies;
}

serveParent<ClientsRequest>(async (m): Promise<ClientsReply | undefined> => {
  switch (m.type) {
    case 'connect':
      if (mode === 'aisle') await connectAisle(m.port, m.count, m.adminToken);
      else await connectBare(m.port, m.count);
      return { type: 'connected' };
    case 'round':
      return { type: 'round', latencies: await runRound(m.body) };
    case 'sample':
      return { type: 'sample', frame: lastFrame === undefined ? '' : String(lastFrame) };
    case 'stop':
      for (const s of sockets) s.terminate();
      agent.destroy();
      process.exit(0);
  }
});
process.send?.({ type: 'ready' } satisfies ClientsReply);
