/**
 * Before the tests: the suite drives a real redis-server and a real Chromium. On a fresh
 * Debian-like machine (root, apt-get) missing ones are installed; elsewhere it says how.
 */
import { spawnSync } from 'node:child_process';

const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;

const missing: { bin: string; pkg: string }[] = [];
if (!has('redis-server', ['--version']) && !process.env.REDIS_URL) {
  missing.push({ bin: 'redis-server', pkg: 'redis-server' });
}
if (!has('chromium', ['--version']) && !process.env.CHROMIUM_PATH) {
  missing.push({ bin: 'chromium', pkg: 'chromium' });
}

if (missing.length > 0) {
  const pkgs = missing.map((m) => m.pkg);
  const root = process.getuid?.() === 0;
  const apt = has('apt-get', ['--version']);
  if (root && apt) {
    process.stdout.write(`Installing test dependencies: ${pkgs.join(', ')} (apt-get)\n`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const install = spawnSync('apt-get', ['install', '-y', '-qq', ...pkgs], {
      stdio: 'inherit',
      env,
    });
    if (update.status !== 0 || install.status !== 0) process.exit(1);
  } else {
    process.stderr.write(
      `The tests need ${missing.map((m) => m.bin).join(' and ')}: install them ` +
        `(Debian/Ubuntu: sudo apt-get install ${pkgs.join(' ')}; macOS: brew install redis chromium), ` +
        'or set REDIS_URL / CHROMIUM_PATH.\n',
    );
    process.exit(1);
  }
}
