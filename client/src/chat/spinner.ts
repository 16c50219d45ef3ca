import { styleText } from 'node:util';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A spinner while waiting for the first token; nothing at all when output is not a terminal. */
export function startSpinner(out: NodeJS.WriteStream, label = 'thinking'): () => void {
  if (!out.isTTY) return () => {};
  let i = 0;
  const draw = () =>
    out.write(`\r${styleText('yellow', FRAMES[i++ % FRAMES.length] ?? '')} ${label}`);
  draw();
  const timer = setInterval(draw, 80);
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    out.write('\r\x1b[2K');
  };
}
