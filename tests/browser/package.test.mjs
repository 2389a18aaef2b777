// The npm package in a real browser (Debian's Chromium): an ES module page, a
// classic <script> page, classic and module web workers, and an MV3 extension
// content script (where eval is forbidden and the .wasm is an extension file).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';
import { launchBrowser, launchWithExtension } from './browser.mjs';

let server, base, browser;
before(async () => {
  ({ server, base } = await startServer());
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  server?.close();
});

async function resultOf(path, waitFor = 'window.result') {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(base + path);
  await page.waitForFunction(waitFor, null, { timeout: 15000 });
  const result = await page.evaluate(() => window.result);
  await page.close();
  assert.deepEqual(errors, []);
  return result;
}

test('an ES module page', async () => {
  const r = await resultOf('/fixtures/page-esm.html');
  assert.equal(r.error, undefined);
  assert.equal(r.check.ok, false);
  const text = '😀亲,加我微信,这个宝贝是全网最低价';
  for (const f of r.check.findings) assert.equal(text.slice(f.start, f.end), f.match);
  assert.ok(r.check.findings.some((f) => f.match === '微信' && f.start === 6));
  assert.match(r.fix, /这个商品是/);
  assert.ok(r.rules > 40);
});

test('a classic <script> page (IIFE build)', async () => {
  const r = await resultOf('/fixtures/page-iife.html');
  assert.deepEqual(r, { baobei: true, wechat: ['加我', '微 信'] });
});

test('classic and module web workers', async () => {
  const r = await resultOf('/fixtures/workers.html', 'window.result && window.result.classic && window.result.module');
  assert.deepEqual(r.classic, { ok: false, clean: true });
  assert.ok(r.module.findings.includes('offsite_platform'), JSON.stringify(r.module));
  assert.ok(r.module.findings.includes('contact_info'), JSON.stringify(r.module));
});

test('an MV3 extension content script, with the .wasm from the extension', async () => {
  const dist = fileURLToPath(new URL('../../js/dist/', import.meta.url));
  const ext = mkdtempSync(join(tmpdir(), 'chatlint-ext-'));
  cpSync(fileURLToPath(new URL('./fixtures/extension/', import.meta.url)), ext, { recursive: true });
  cpSync(join(dist, 'chatlint.iife.js'), join(ext, 'chatlint.iife.js'));
  cpSync(join(dist, 'chatlint.wasm'), join(ext, 'chatlint.wasm'));
  const context = await launchWithExtension(ext);
  try {
    const page = await context.newPage();
    const requests = [];
    page.on('request', (req) => requests.push(req.url()));
    await page.goto(`${base}/fixtures/chat.html`);
    await page.waitForFunction(() => document.documentElement.dataset.chatlint, null, { timeout: 15000 });
    const r = JSON.parse(await page.evaluate(() => document.documentElement.dataset.chatlint));
    assert.deepEqual(r, { ok: false, matches: ['加我', '微信', '宝贝'] });
    // Nothing was fetched from the page's origin but the page itself: the .wasm came from the extension.
    assert.deepEqual(requests.filter((u) => u.startsWith(base)), [`${base}/fixtures/chat.html`]);
  } finally {
    await context.close();
    rmSync(ext, { recursive: true, force: true });
  }
});
