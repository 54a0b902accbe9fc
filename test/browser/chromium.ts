import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

// Browser tests drive Debian's Chromium. Where it is missing, install it if we are root; otherwise say how.
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage',
];

/** Returns undefined when Chromium is ready, or one sentence saying what to do. */
export function ensureChromium(): string | undefined {
  if (fs.existsSync(chromiumPath)) return undefined;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) return `Browser tests need Chromium at ${chromiumPath}: install it with "sudo apt-get install -y chromium" (or set CHROMIUM_PATH), then run npm test again.`;
  console.error('Installing Chromium for the browser tests (apt-get install -y chromium)...');
  const result = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.status !== 0 || !fs.existsSync(chromiumPath)) {
    const update = spawnSync('apt-get', ['update'], { stdio: 'inherit' });
    const retry = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }) : update;
    if (retry.status !== 0 || !fs.existsSync(chromiumPath)) return 'Could not install Chromium with apt-get: install the Debian package "chromium" by hand, then run npm test again.';
  }
  return undefined;
}
