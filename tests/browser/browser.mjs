// Launches Debian's Chromium headless through playwright-core (never a downloaded browser).
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
// Without these, Chromium keeps trying to reach Google's hosts on a closed network.
const quiet = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-default-apps'];

export async function launchBrowser() {
  return chromium.launch({ executablePath, headless: true, args: quiet });
}

// A persistent context with an unpacked extension loaded (MV3 needs a user data dir).
export async function launchWithExtension(extensionDir) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'chatlint-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath, headless: true,
    args: [...quiet, `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
  });
  const close = context.close.bind(context);
  context.close = async () => { await close(); rmSync(userDataDir, { recursive: true, force: true }); };
  return context;
}
