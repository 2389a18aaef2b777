// What the bundler tests share: the packed package, an empty app per bundler in
// tests/bundlers/.work/ (its bundler resolved from tests/bundlers/node_modules, one
// `npm ci` for all), commands run with their output kept for the failure message,
// a static server on 127.0.0.1, Chromium through playwright-core, and the gzip -9
// weight of what an app ships.
import { execFile, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

export const here = fileURLToPath(new URL('.', import.meta.url));
// CHATLINT_PACKAGE_DIR packs another folder (a candidate build of the package) instead of js/.
export const pkgDir = process.env.CHATLINT_PACKAGE_DIR || fileURLToPath(new URL('../../js/', import.meta.url));
// Each run makes its apps in a folder of its own under .work/ (two runs at once must not
// delete each other's apps); a run removes its folder when every case passed, and folders of
// runs over a day old.
export const workRoot = join(here, '.work');
export let work = null;
export const shots = join(here, 'screenshots');
const bin = join(here, 'node_modules', '.bin');

// The reply every app checks, and what the page must show for it on pdd.
export const TEXT = '亲,加我微信';
export const EXPECTED = [{ rule: 'trade.add_me', text: '加我' }, { rule: 'offsite.wechat', text: '微信' }];

// Runs a command; resolves with its output, rejects with an Error that carries it.
export function run(cmd, args, { cwd, env, timeout = 180000 } = {}) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd, env: { ...process.env, ...env }, timeout, maxBuffer: 64 << 20, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) {
          error.message = `${[cmd, ...args].join(' ')} (in ${cwd}) failed: ${error.message}\n${stdout}\n${stderr}`.trim();
          reject(error);
        } else resolve({ stdout, stderr });
      });
  });
}

// A bundler's command, as the app's own `npx NAME` would run it.
export const tool = (name) => join(bin, name);

// `npm pack` of js/ (js/dist must be built) into this run's folder; returns the tarball's path.
export async function pack() {
  mkdirSync(workRoot, { recursive: true });
  for (const d of readdirSync(workRoot)) {
    if (d.startsWith('run-') && Date.now() - statSync(join(workRoot, d)).mtimeMs > 86400000) rmSync(join(workRoot, d), { recursive: true, force: true });
  }
  work = mkdtempSync(join(workRoot, 'run-'));
  const { stdout } = await run('npm', ['pack', '--pack-destination', work, '--json'], { cwd: pkgDir });
  const [info] = JSON.parse(stdout);
  return { tarball: join(work, info.filename), files: info.files.map((f) => f.path) };
}

// An empty app (package.json as `npm init -y` leaves it: no "type"), the given files, and the packed chatlint installed from its tarball.
export async function makeApp(name, tarball, files) {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `app-${name}`, version: '1.0.0', private: true }, null, 2));
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), body);
  }
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', tarball], { cwd: dir });
  return dir;
}

// The page's script: checks TEXT on pdd and writes the text with each finding marked
// (<mark data-rule>) and a list of rule ids, or the error, into the page. It is valid
// TypeScript too (strict), for the Vite + TypeScript app.
export function pageScript(importLine, options = "{ platform: 'pdd' }") {
  return `${importLine}

const text = ${JSON.stringify(TEXT)};
async function main() {
  const out = document.querySelector('#out') || document.body;
  try {
    const checker = await createChecker(${options});
    const { ok, findings } = checker.check(text);
    const p = document.createElement('p');
    let at = 0;
    for (const f of findings) {
      p.append(text.slice(at, f.start));
      const mark = document.createElement('mark');
      mark.dataset.rule = f.ruleId;
      mark.title = f.message;
      mark.textContent = f.match;
      p.append(mark);
      at = f.end;
    }
    p.append(text.slice(at));
    const list = document.createElement('ul');
    for (const f of findings) {
      const li = document.createElement('li');
      li.textContent = f.ruleId + ' (' + f.severity + '): ' + f.match;
      list.append(li);
    }
    out.replaceChildren(p, list);
    document.body.dataset.state = ok ? 'ok' : 'flagged';
  } catch (e) {
    const message = String(e instanceof Error ? e.message : e);
    out.textContent = 'Error: ' + message;
    document.body.dataset.error = message;
    document.body.dataset.state = 'error';
  }
}
main();
`;
}

export function pageHtml(scriptTag, app = '') {
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>chatlint app</title><link rel="icon" href="data:,">
<style>body{font:18px sans-serif;margin:2em}mark{background:#fdd;border-bottom:2px solid #c00;margin:0 2px}</style></head>
<body>
<h1>chatlint${app ? ` · ${app}` : ''}</h1>
<div id="out">checking…</div>
${scriptTag}
</body>
</html>
`;
}

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.cjs': 'text/javascript',
  '.wasm': 'application/wasm', '.json': 'application/json', '.css': 'text/css', '.map': 'application/json' };

// A static server of `root` on 127.0.0.1 (no SPA fallback: a missing file is a 404).
export async function serveStatic(root) {
  const requests = [];
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(root, path));
    let body = null;
    if (file.startsWith(root + sep) || file === root) {
      try { body = readFileSync(file); } catch { body = null; }
    }
    requests.push({ path, status: body ? 200 : 404 });
    if (!body) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
    res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream' }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, requests, close: () => server.close() };
}

// Starts a long-running command (a dev or preview server) and resolves once its output
// shows `ready`; stop() ends it (that child, by its pid).
export function startServer(cmd, args, { cwd, ready, timeout = 60000 }) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    let output = '';
    const stop = () => new Promise((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
      setTimeout(() => { if (child.exitCode === null) child.kill('SIGKILL'); }, 3000).unref();
    });
    const timer = setTimeout(() => { stop(); reject(new Error(`${cmd} ${args.join(' ')}: not ready after ${timeout} ms\n${output}`)); }, timeout);
    const onData = (d) => {
      output += d;
      if (ready.test(output)) { clearTimeout(timer); resolve({ stop, output: () => output }); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`${cmd} ${args.join(' ')} exited (${code})\n${output}`)); });
  });
}

// A free port on 127.0.0.1 (for servers that take --port).
export async function freePort() {
  const s = createServer();
  await new Promise((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address();
  await new Promise((resolve) => s.close(resolve));
  return port;
}

const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const quiet = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-default-apps'];
export const launchBrowser = () => chromium.launch({ executablePath, headless: true, args: quiet });

// Opens `url`, waits for the page's script to finish, saves a screenshot as NAME.png;
// returns { state, error, marks: [{ rule, text }], items, problems: [page errors, failed requests],
// fetched: [paths the page loaded from url] }.
export async function openApp(browser, url, name) {
  const page = await browser.newPage({ viewport: { width: 800, height: 360 } });
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  const fetched = [];
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`);
    else if (r.url().startsWith(url)) fetched.push(decodeURIComponent(new URL(r.url()).pathname));
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  try {
    await page.goto(url);
    await page.waitForFunction(() => document.body && document.body.dataset.state, null, { timeout: 20000 })
      .catch(() => problems.push('the page never finished its check (no data-state after 20 s)'));
    const r = await page.evaluate(() => ({
      state: document.body.dataset.state,
      error: document.body.dataset.error,
      marks: [...document.querySelectorAll('#out mark')].map((m) => ({ rule: m.dataset.rule, text: m.textContent })),
      items: [...document.querySelectorAll('#out li')].map((li) => li.textContent),
    }));
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, `${name}.png`) });
    return { ...r, problems, fetched: [...new Set(fetched)] };
  } finally {
    await page.close();
  }
}

// Every file under dir (relative paths).
export function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p); else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

// gzip -9 of each file, summed: { total, files: { path: [raw, gzip] } }.
export function gzipWeight(dir, files = listFiles(dir)) {
  const result = { total: 0, raw: 0, files: {} };
  for (const f of files) {
    const body = readFileSync(join(dir, f));
    const gz = gzipSync(body, { level: 9 }).length;
    result.files[f] = [body.length, gz];
    result.total += gz;
    result.raw += body.length;
  }
  return result;
}

export const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

export function copyDir(from, to) {
  cpSync(from, to, { recursive: true });
}

export function isFile(p) {
  try { return statSync(p).isFile(); } catch { return false; }
}
