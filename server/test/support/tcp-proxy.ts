import { connect, createServer, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a real server that a test can make lose replies and cut, the
 * network faults a SIGSTOP cannot produce: a request that arrived and ran, whose answer
 * never came back before the connection broke.
 */
export interface TcpProxy {
  url: string;
  /**
   * Once a client sends bytes containing `marker`, bytes from the server are dropped instead
   * of forwarded: the request got through, its reply (and any later one) is lost.
   */
  dropRepliesAfter(marker: string): void;
  /** Destroys every open connection (both sides) and forwards replies again. */
  cut(): void;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<[Socket, Socket]>();
  let dropping = false;
  let marker: Buffer | undefined;
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    client.on('data', (d: Buffer) => {
      if (marker && d.includes(marker)) dropping = true;
      upstream.write(d);
    });
    upstream.on('data', (d) => {
      if (!dropping) client.write(d);
    });
    const close = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const cut = () => {
    for (const [client, upstream] of pairs) {
      client.destroy();
      upstream.destroy();
    }
    pairs.clear();
    dropping = false;
    marker = undefined;
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    dropRepliesAfter: (m) => {
      marker = Buffer.from(m);
    },
    cut,
    async [Symbol.asyncDispose]() {
      cut();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
