// Assembles the Chrome extension (issue 8) from js/extension/ and the package's IIFE build:
//   dist/extension/            the unpacked extension (load it in chrome://extensions)
//   dist/chatlint-extension.zip  the same files, for the Chrome Web Store
// at the repository root. Run by scripts/build.sh after the WebAssembly build; by hand:
//   node js/scripts/build-extension.mjs [--out DIR] [--zip FILE | --no-zip]   (--out alone: no zip)
//
// What it does besides copying:
// - the content scripts: chatlint.iife.js, findings-view.js (js/ui/, shared with the demo page),
//   sites.js, settings.js (from manifest.json), then
//   content/<file> for each line of js/extension/content/ORDER (the content half lists its
//   files there, in load order);
// - checks that the manifest's content_scripts matches, host_permissions and
//   web_accessible_resources name exactly the sites of sites.js, so the two cannot drift;
// - checks that every file the manifest names exists;
// - draws the toolbar icons (PNG, 16/32/48/128 px) from the code below: no binary file is
//   committed.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync, deflateSync } from 'node:zlib';
import vm from 'node:vm';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const src = join(repo, 'js/extension');
const pkgDist = join(repo, 'js/dist');

// Files of js/extension that are documentation or build input, not part of the extension.
const SKIP = new Set(['README.md', 'CONTRACT.md', 'ORDER']);
const skipFile = (name) => SKIP.has(name) || /\.test\.m?js$/.test(name) || name.startsWith('.');

function fail(message) {
  console.error(`build-extension: ${message}`);
  process.exit(1);
}

// The sites as sites.js defines them (run in a sandbox, as a browser would).
export function loadSites(file = join(src, 'sites.js')) {
  const sandbox = {};
  sandbox.globalThis = sandbox;
  vm.runInNewContext(readFileSync(file, 'utf8'), sandbox, { filename: file });
  return JSON.parse(JSON.stringify(sandbox.CHATLINT_SITES));   // plain data of this realm
}

// The content script files after the fixed three, from content/ORDER.
export function contentOrder(dir = src) {
  const order = join(dir, 'content/ORDER');
  if (!existsSync(order)) return [];
  const names = readFileSync(order, 'utf8').split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
  for (const n of names) {
    if (n.includes('/') || n.includes('\\')) fail(`content/ORDER: "${n}" must be a file name in js/extension/content/`);
    if (!existsSync(join(dir, 'content', n))) fail(`content/ORDER names content/${n}, which does not exist`);
  }
  return names.map((n) => `content/${n}`);
}

const sameSet = (a, b) => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

export function buildManifest(dir = src) {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const sites = loadSites(join(dir, 'sites.js'));
  const siteMatches = [...new Set(sites.flatMap((s) => s.matches))];
  const [cs, ...more] = manifest.content_scripts;
  if (more.length) fail('manifest.json: one content_scripts entry is expected');
  if (!sameSet(cs.matches, siteMatches)) fail(`manifest.json content_scripts matches ${JSON.stringify(cs.matches)} differ from sites.js ${JSON.stringify(siteMatches)}`);
  if (!sameSet(manifest.host_permissions, siteMatches)) fail(`manifest.json host_permissions differ from sites.js ${JSON.stringify(siteMatches)}`);
  // The .wasm must load wherever a content script may run: the built-in sites and any site the
  // agent adds (optional_host_permissions). With use_dynamic_url its URL changes every session,
  // so a page cannot probe for the extension; only the content script knows the URL.
  const [war, ...moreWar] = manifest.web_accessible_resources;
  if (moreWar.length || !sameSet(war.resources, ['chatlint.wasm']) || war.use_dynamic_url !== true ||
      !sameSet(war.matches, manifest.optional_host_permissions)) {
    fail('manifest.json web_accessible_resources: only chatlint.wasm, use_dynamic_url true, matches = optional_host_permissions');
  }
  const uncovered = siteMatches.filter((p) => !war.matches.includes(`${p.split(':')[0]}://*/*`));
  if (uncovered.length) fail(`web_accessible_resources do not cover ${uncovered.join(', ')}`);
  cs.js = [...cs.js, ...contentOrder(dir)];
  return manifest;
}

// Every file a manifest names.
function manifestFiles(m) {
  return [
    m.background.service_worker, m.action.default_popup, m.options_ui.page,
    ...Object.values(m.icons), ...Object.values(m.action.default_icon),
    ...m.content_scripts.flatMap((c) => c.js),
    ...m.web_accessible_resources.flatMap((w) => w.resources),
  ];
}

// --- icons ------------------------------------------------------------------------------------
// A blue rounded square, a white speech bubble, a blue check mark in it; 4×4 supersampled.
function sdRoundBox(px, py, cx, cy, hw, hh, r) {
  const qx = Math.abs(px - cx) - hw + r, qy = Math.abs(py - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}
function sdSegment(px, py, ax, ay, bx, by) {
  const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(px - ax - t * (bx - ax), py - ay - t * (by - ay));
}
function inTriangle(px, py, [ax, ay], [bx, by], [cx, cy]) {
  const s = (x1, y1, x2, y2, x3, y3) => (x1 - x3) * (y2 - y3) - (x2 - x3) * (y1 - y3);
  const d1 = s(px, py, ax, ay, bx, by), d2 = s(px, py, bx, by, cx, cy), d3 = s(px, py, cx, cy, ax, ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}
const BLUE = [37, 99, 235], WHITE = [255, 255, 255];
function iconColor(x, y) {
  if (sdRoundBox(x, y, 0.5, 0.5, 0.48, 0.48, 0.2) > 0) return null;
  const bubble = sdRoundBox(x, y, 0.5, 0.44, 0.34, 0.25, 0.12) <= 0 || inTriangle(x, y, [0.28, 0.6], [0.46, 0.6], [0.24, 0.84]);
  if (!bubble) return BLUE;
  const check = Math.min(sdSegment(x, y, 0.34, 0.44, 0.45, 0.55), sdSegment(x, y, 0.45, 0.55, 0.66, 0.33)) <= 0.06;
  return check ? BLUE : WHITE;
}
export function iconPng(size) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  const n = 4;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;                       // filter: none
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = iconColor((x + (sx + 0.5) / n) / size, (y + (sy + 0.5) / n) / size);
          if (c) { r += c[0]; g += c[1]; b += c[2]; a++; }
        }
      }
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = a ? Math.round(r / a) : 0; raw[o + 1] = a ? Math.round(g / a) : 0; raw[o + 2] = a ? Math.round(b / a) : 0;
      raw[o + 3] = Math.round((255 * a) / (n * n));
    }
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;   // 8-bit RGBA
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

// --- zip ----------------------------------------------------------------------------------------
// A plain zip (deflate, no extras), files in sorted order with a fixed date, so a rebuild of the
// same files gives the same bytes.
export function zipFiles(entries) {
  const locals = [], centrals = [];
  let offset = 0;
  const DOS_TIME = 0, DOS_DATE = (1 << 5) | 1;          // 1980-01-01 00:00
  for (const { name, data } of entries) {
    const nameBuf = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8); local.writeUInt16LE(DOS_TIME, 10); local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(packed.length, 18); local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26); local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(0x0314, 4); central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8); central.writeUInt16LE(8, 10); central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14); central.writeUInt32LE(crc, 16); central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24); central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, packed);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

function walk(dir, base = dir) {
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p, base) : [relative(base, p).split(sep).join('/')];
  });
}

export function buildExtension({ out = join(repo, 'dist/extension'), zip = join(repo, 'dist/chatlint-extension.zip') } = {}) {
  for (const f of ['chatlint.iife.js', 'chatlint.wasm']) {
    if (!existsSync(join(pkgDist, f))) fail(`js/dist/${f} is missing: run scripts/build-wasm.sh first`);
  }
  const manifest = buildManifest();
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  cpSync(src, out, {
    recursive: true,
    filter: (from) => {
      const rel = relative(src, from);
      const name = rel.split(sep).pop();
      return rel === '' || !(skipFile(name) || rel.split(sep).some((part) => part === 'test' || part === 'tests'));
    },
  });
  cpSync(join(pkgDist, 'chatlint.iife.js'), join(out, 'chatlint.iife.js'));
  cpSync(join(pkgDist, 'chatlint.wasm'), join(out, 'chatlint.wasm'));
  // Names, el() and marked runs, shared with the demo page.
  cpSync(join(repo, 'js/ui/findings-view.js'), join(out, 'findings-view.js'));
  mkdirSync(join(out, 'icons'), { recursive: true });
  for (const size of [16, 32, 48, 128]) writeFileSync(join(out, `icons/${size}.png`), iconPng(size));
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  const missing = manifestFiles(manifest).filter((f) => !existsSync(join(out, f)));
  if (missing.length) fail(`files the manifest names are missing: ${missing.join(', ')}`);
  if (zip) {
    mkdirSync(dirname(zip), { recursive: true });
    writeFileSync(zip, zipFiles(walk(out).map((name) => ({ name, data: readFileSync(join(out, name)) }))));
  }
  return { out, zip, manifest };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opts = {};
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--out') { opts.out = args[++i]; if (!('zip' in opts)) opts.zip = null; }
    else if (args[i] === '--zip') opts.zip = args[++i];
    else if (args[i] === '--no-zip') opts.zip = null;
    else fail(`unknown argument "${args[i]}" (expected --out DIR, --zip FILE, --no-zip)`);
  }
  const { out, zip, manifest } = buildExtension(opts);
  console.log(`build-extension: ${relative(process.cwd(), out) || '.'} (${manifest.content_scripts[0].js.length} content scripts)` +
    (zip ? `, ${relative(process.cwd(), zip)}` : ''));
}
