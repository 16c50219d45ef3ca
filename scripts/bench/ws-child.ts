/**
 * A bench child process spoken to over IPC, one request at a time: the WebSocket benches run
 * their servers (ws-host.ts) and their 10,000-socket client fleets (ws-clients.ts) in
 * children, each with a file-descriptor budget (ulimit -n) of its own.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Cleanup, sleep } from './common';

/** Every message a child sends is an object with a `type`; errors are `{type: 'error'}`. */
export interface ChildMessage {
  type: string;
}

export interface Child<Req extends ChildMessage, Rep extends ChildMessage> {
  /** Sends `m` and resolves with the child's next message, which must be of type `expect`. */
  request<T extends Rep['type']>(m: Req, expect: T): Promise<Extract<Rep, { type: T }>>;
  /** Waits for the child's next message (its 'ready', say). */
  next(): Promise<Rep>;
  stop(): Promise<void>;
}

export interface ChildOptions {
  name: string;
  args: string[];
  env?: Record<string, string>;
  /** Extra node flags (--expose-gc, ...). */
  execArgv?: string[];
}

/**
 * Forks `file` (a .ts run through this process's tsx loader) with IPC in 'advanced'
 * serialization (typed arrays cross as they are). `stop` sends `{type: 'stop'}` and waits up
 * to 5 s for the exit before killing it; it is registered with `cleanup`.
 */
export function forkChild<Req extends ChildMessage, Rep extends ChildMessage>(
  file: URL,
  opts: ChildOptions,
  cleanup: Cleanup,
): Child<Req, Rep> {
  const child: ChildProcess = fork(fileURLToPath(file), opts.args, {
    execArgv: [...process.execArgv, ...(opts.execArgv ?? [])],
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (child.connected) child.send({ type: 'stop' });
    const timeout = sleep(5000).then(() => 'timeout' as const);
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      child.kill('SIGKILL');
      await exited;
    }
  };
  cleanup.add(opts.name, stop);

  const next = () =>
    new Promise<Rep>((resolve, reject) => {
      const onExit = () => reject(new Error(`${opts.name} exited`));
      child.once('exit', onExit);
      child.once('message', (m: Rep) => {
        child.off('exit', onExit);
        resolve(m);
      });
    });
  return {
    next,
    async request(m, expect) {
      const answer = next();
      child.send(m);
      const r = await answer;
      if (r.type !== expect) {
        throw new Error(`${opts.name}: ${JSON.stringify(r).slice(0, 300)}`);
      }
      return r as Extract<Rep, { type: typeof expect }>;
    },
    stop,
  };
}

/** In a child: answers each request with `handle`'s reply (or an error), one at a time. */
export function serveParent<Req extends ChildMessage>(
  handle: (m: Req) => Promise<ChildMessage | undefined>,
): void {
  process.on('message', (m: Req) => {
    handle(m).then(
      (r) => r && process.send?.(r),
      (err: unknown) => process.send?.({ type: 'error', message: String(err) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
}
