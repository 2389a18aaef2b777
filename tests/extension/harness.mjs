// The extension under the real chat hosts' names, on this machine only.
//
// startSites() serves tests/extension/fixtures/ over HTTPS on 127.0.0.1 with a self-signed
// certificate (made with openssl into a temporary folder at test time, deleted on close) whose
// subjectAltName lists every host below. launchExtension() starts Debian's Chromium with the
// unpacked extension, `--host-resolver-rules` mapping those hosts to 127.0.0.1 (and every other
// host to nowhere, so nothing can reach the network even by mistake) and
// `--ignore-certificate-errors`; it records every request any page, frame or worker of the
// browser makes, so a test can assert that nothing left for another host.
//
// Which files a URL serves (the paths are those of the real pages, SITES.md):
//   https://mms.pinduoduo.com:PORT/chat-merchant/<p>            fixtures/sites/pdd/<p>
//   https://dongdong.jd.com:PORT/<p>                            fixtures/sites/jd/<p>
//   https://im.jinritemai.com:PORT/pc_seller_v2/main/workspace/<p>  fixtures/sites/douyin/<p>
//   https://im.kwaixiaodian.com:PORT/workbench/<p>              fixtures/sites/kuaishou/<p>
//   https://shop.example.test:PORT/<p>                          fixtures/sites/generic/<p>
//   https://other.example.test:PORT/<p>                         fixtures/sites/other/<p>
//   a path outside the base on a host: fixtures/sites/<dir>/<path>;
//   /_fixtures/<p> on any host: fixtures/<p> (files shared by several pages).
// playwright-core comes from tests/browser/node_modules (scripts/test.sh installs it there).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(new URL('../browser/package.json', import.meta.url));
const { chromium } = require('playwright-core');

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const BUILT_EXTENSION = join(REPO, 'dist/extension');

// siteId -> where its pages live on the real site, and in fixtures/sites/.
export const SITES = {
  pdd: { host: 'mms.pinduoduo.com', base: '/chat-merchant/', dir: 'pdd' },
  jd: { host: 'dongdong.jd.com', base: '/', dir: 'jd' },
  douyin: { host: 'im.jinritemai.com', base: '/pc_seller_v2/main/workspace/', dir: 'douyin' },
  kuaishou: { host: 'im.kwaixiaodian.com', base: '/workbench/', dir: 'kuaishou' },
  generic: { host: 'shop.example.test', base: '/', dir: 'generic' },
  other: { host: 'other.example.test', base: '/', dir: 'other' },
};
export const HOSTS = Object.values(SITES).map((s) => s.host);

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm', '.txt': 'text/plain; charset=utf-8' };

let current = null;   // the running server, for siteUrl()

// A self-signed certificate for the hosts, in a new temporary folder: { dir, key, cert }.
export function makeCertificate(hosts = HOSTS) {
  const dir = mkdtempSync(join(tmpdir(), 'chatlint-cert-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '2',
    '-subj', '/CN=chatlint test sites', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    '-addext', `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}`], { stdio: 'pipe' });
  return { dir, key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
}

function fileFor(root, hostHeader, pathname) {
  const host = String(hostHeader || '').replace(/:\d+$/, '').toLowerCase();
  let path;
  try { path = decodeURIComponent(pathname); } catch { return null; }
  let dir, rest;
  if (path.startsWith('/_fixtures/')) {
    dir = root; rest = path.slice('/_fixtures/'.length);
  } else {
    const site = Object.values(SITES).find((s) => s.host === host);
    if (!site) return null;
    dir = join(root, 'sites', site.dir);
    rest = path.startsWith(site.base) ? path.slice(site.base.length) : path.slice(1);
  }
  if (rest === '' || rest.endsWith('/')) rest += 'index.html';
  const file = normalize(join(dir, rest));
  return file.startsWith(join(normalize(dir), sep)) ? file : null;
}

// Serves `root` (default tests/extension/fixtures/) under the hosts: { port, close(), url(site, path) }.
// `extraRoots`: more folders laid out like fixtures/, searched after `root` (a test's own pages).
export async function startSites({ root = FIXTURES, extraRoots = [], hosts = HOSTS } = {}) {
  const cert = makeCertificate(hosts);
  const log = [];
  const server = createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
    const url = new URL(req.url, 'https://x');
    log.push(`${req.headers.host}${url.pathname}`);
    let file = null, body = null;
    for (const r of [root, ...extraRoots]) {
      file = fileFor(r, req.headers.host, url.pathname);
      try { body = file && readFileSync(file); } catch { body = null; }
      if (body) break;
    }
    if (!body) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
  });
  await new Promise((resolve, reject) => { server.once('error', reject); server.listen(0, '127.0.0.1', resolve); });
  const port = server.address().port;
  const handle = {
    port, hosts, log,
    url: (site, path) => siteUrlOn(port, site, path),
    close: async () => {
      await new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); });
      rmSync(cert.dir, { recursive: true, force: true });
      if (current === handle) current = null;
    },
  };
  current = handle;
  return handle;
}

function siteUrlOn(port, site, path = '') {
  const s = SITES[site] || Object.values(SITES).find((x) => x.host === site);
  if (!s) throw new Error(`harness: unknown site or host "${site}" (known: ${Object.keys(SITES).join(', ')})`);
  const p = path.startsWith('/') ? path : s.base + path;
  return `https://${s.host}:${port}${p}`;
}

// The URL of a page on a site (siteId or host) of the running server; path relative to the
// site's base (SITES[x].base) unless it starts with '/'. siteUrl('pdd') is its index.html.
export function siteUrl(site, path = 'index.html') {
  if (!current) throw new Error('harness: siteUrl() before startSites()');
  return siteUrlOn(current.port, site, path);
}

const QUIET = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-domain-reliability',
  '--disable-client-side-phishing-detection', '--no-pings', '--metrics-recording-only'];

// Chromium with the unpacked extension at `extensionDir`, the hosts mapped to 127.0.0.1.
// Returns the playwright persistent context, with:
//   context.requests      every URL requested by any page, frame or worker (grows as they load)
//   context.extensionId   the extension's id (from its service worker)
//   context.serviceWorker the extension's service worker (playwright Worker)
//   context.foreignRequests(allowedHosts)  network requests (http, https, ws, wss, ftp) for any
//                         host but these: what would have left the machine (extension files,
//                         data: and blob: URLs never do)
//   context.close()       also deletes the profile folder
export async function launchExtension(extensionDir = BUILT_EXTENSION, { hosts = HOSTS, port, args = [] } = {}) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'chatlint-ext-profile-'));
  const rules = [...hosts.map((h) => `MAP ${h} 127.0.0.1`), 'MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1'].join(', ');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    ignoreHTTPSErrors: true,
    args: [...QUIET, `--host-resolver-rules=${rules}`, '--ignore-certificate-errors',
      `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, ...args],
  });
  const requests = [];
  context.on('request', (req) => requests.push(req.url()));
  context.requests = requests;
  context.port = port;
  const sw = context.serviceWorkers()[0] || await context.waitForEvent('serviceworker', { timeout: 15000 });
  context.serviceWorker = sw;
  context.extensionId = new URL(sw.url()).host;
  context.foreignRequests = (allowedHosts = hosts) => requests.filter((u) => {
    const url = new URL(u);
    return /^(https?|wss?|ftp):$/.test(url.protocol) && !allowedHosts.includes(url.hostname);
  });
  const close = context.close.bind(context);
  context.close = async () => { await close(); rmSync(userDataDir, { recursive: true, force: true }); };
  return context;
}
