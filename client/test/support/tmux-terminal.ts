import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A real terminal: a tmux server of its own (its own socket, so tests never meet a user's tmux)
 * running one interactive shell. Dispose with `await using`.
 */
export class TmuxTerminal {
  private constructor(private readonly socket: string) {}

  static async start(opts: {
    cwd: string;
    env: Record<string, string>;
    cols?: number;
    rows?: number;
  }): Promise<TmuxTerminal> {
    const term = new TmuxTerminal(`aisle-test-${randomUUID().slice(0, 8)}`);
    const envArgs = Object.entries(opts.env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    await term.tmux(
      'new-session',
      '-d',
      '-x',
      String(opts.cols ?? 120),
      '-y',
      String(opts.rows ?? 40),
      '-c',
      opts.cwd,
      ...envArgs,
      'bash --norc --noprofile',
    );
    return term;
  }

  private async tmux(...args: string[]): Promise<string> {
    const { stdout } = await run('tmux', ['-L', this.socket, ...args]);
    return stdout;
  }

  /** Types a line and presses Enter (literally: no tmux key names are interpreted). */
  async type(text: string): Promise<void> {
    await this.tmux('send-keys', '-l', text);
    await this.tmux('send-keys', 'Enter');
  }

  /** What the screen shows now, wrapped lines joined, colours stripped. */
  screen(): Promise<string> {
    return this.tmux('capture-pane', '-p', '-J');
  }

  /** Polls the screen until `pattern` shows, or fails with what the screen showed instead. */
  async waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = await this.screen();
      const m = last.match(pattern);
      if (m) return m;
      await sleep(50);
    }
    throw new Error(`screen never showed ${pattern} within ${timeoutMs} ms; it shows:\n${last}`);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.tmux('kill-server').catch(() => {});
  }
}
