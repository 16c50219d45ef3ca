/**
 * `pnpm chat`: a terminal chat with an Aisle server through the typed client. The session is
 * remembered in the user's state dir, so a restart resumes it and shows recent history.
 */
import { createInterface } from 'node:readline/promises';
import { styleText } from 'node:util';
import { Chat } from './chat';
import { parseCommand } from './commands';
import { describeError } from './errors';
import { openSession } from './session';
import { statePath } from './state';

const DEFAULT_URL = 'http://127.0.0.1:3000';

async function start(url: string, out: NodeJS.WriteStream): Promise<Chat> {
  const { client, session, resumed } = await openSession(url, statePath());
  const { currency } = await client.catalog.info.query();
  const chat = new Chat(client, url, session.sessionId, out, currency);
  out.write(
    `${styleText('bold', 'Aisle chat')} ${styleText('dim', `${url}, ${resumed ? 'resumed' : 'new'} session ${session.sessionId}`)}\n`,
  );
  if (resumed) await chat.showHistory();
  out.write(styleText('dim', 'Type a question, or /help for commands.\n'));
  return chat;
}

/** Reads lines one at a time: the next prompt appears only once the answer has finished. */
async function loop(chat: Chat, url: string): Promise<void> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  // Piped input closes the interface at its end while lines are still queued: prompt no more.
  let closed = false;
  rl.on('close', () => {
    closed = true;
  });
  const prompt = () => {
    if (!closed) rl.prompt();
  };
  rl.setPrompt(styleText('cyan', 'you> '));
  prompt();
  try {
    for await (const input of rl) {
      try {
        if (!(await chat.run(parseCommand(input)))) break;
      } catch (err) {
        process.stdout.write(`${styleText('red', describeError(err, url))}\n`);
      }
      prompt();
    }
  } finally {
    rl.close();
  }
}

async function main(): Promise<void> {
  const url = (process.env.AISLE_URL || DEFAULT_URL).replace(/\/$/, '');
  let chat: Chat;
  try {
    chat = await start(url, process.stdout);
  } catch (err) {
    process.stderr.write(`${styleText('red', describeError(err, url))}\n`);
    process.exitCode = 1;
    return;
  }
  await loop(chat, url);
  process.stdout.write(styleText('dim', `bye (session ${chat.sessionId} is kept)\n`));
  // Open keep-alive sockets or an SSE retry must not keep the process alive after /quit.
  process.exit(process.exitCode ?? 0);
}

void main();
