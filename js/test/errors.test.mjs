// When what the package finds is not chatlint.wasm (a bundler moved the package but not
// the .wasm, a dev server answered with its index.html, a 404, an ES module bundled into
// a classic script with no usable import.meta.url), the error says what to do.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { build } from 'esbuild';
import { createChecker } from '../dist/chatlint.mjs';
import * as node from '../dist/chatlint.node.mjs';

const dist = new URL('../dist/', import.meta.url);
const wasmBytes = readFileSync(new URL('chatlint.wasm', dist));
const HTML = '<!doctype html>\n<html><head><script type="module" src="/@vite/client"></script></head><body><div id="app"></div></body></html>\n';
const WHAT_TO_DO = 'copy chatlint.wasm next to your bundle or pass `wasm:` to createChecker (see README: Use with a bundler)';
// With the Vite hint where Vite's dev server may be the cause (an HTML page, a URL under
// node_modules/.vite/), without it elsewhere.
const VITE_HINT = "; with Vite's dev server, also keep chatlint out of its pre-bundling: optimizeDeps: \\{ exclude: \\['chatlint'\\] \\}";
const guidance = (what, vite = /HTML page/.test(what)) =>
  new RegExp(`^Error: chatlint: ${what}: ${WHAT_TO_DO.replace(/[()`.]/g, '\\$&')}${vite ? VITE_HINT : ''}$`);

// A dev server as Vite's: any path it has no file for gets the app's index.html (200);
// /assets/chatlint.wasm is there; /missing/* is a 404; /text.js is JavaScript.
let server, base;
before(async () => {
  server = createServer((req, res) => {
    if (req.url === '/assets/chatlint.wasm') res.writeHead(200, { 'content-type': 'application/wasm' }).end(wasmBytes);
    else if (req.url.startsWith('/missing/')) res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
    else if (req.url === '/text.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end('export default 1;\n');
    else if (req.url === '/untyped') res.writeHead(200).end(HTML);
    else res.writeHead(200, { 'content-type': 'text/html' }).end(HTML);
  });
  await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
  base = `http://127.0.0.1:${server.address().port}`;
});
after(() => server.close());

test('HTML bytes instead of the .wasm', async () => {
  for (const wasm of [Buffer.from(HTML), new TextEncoder().encode('\ufeff  ' + HTML).buffer]) {
    await assert.rejects(createChecker({ platform: 'pdd', wasm }), guidance('got an HTML page instead of chatlint\\.wasm in options\\.wasm'));
  }
  await assert.rejects(createChecker({ platform: 'pdd', wasm: Buffer.from('{"not":"wasm"}') }),
    guidance('got something else than chatlint\\.wasm in options\\.wasm \\(it starts with 7b 22 6e 6f, not the WebAssembly magic 00 61 73 6d\\)'));
  await assert.rejects(createChecker({ platform: 'pdd', wasm: new Uint8Array(0) }), /in options\.wasm \(it is empty, not the WebAssembly magic/);
});

test("a dev server's index.html where the .wasm should be (as Vite's serves for a pre-bundled dependency)", async () => {
  const url = `${base}/node_modules/.vite/deps/chatlint.wasm`;
  await assert.rejects(createChecker({ platform: 'pdd', wasm: url }),
    guidance(`got an HTML page instead of chatlint\\.wasm at ${url.replace(/\./g, '\\.')} \\(Content-Type: text/html\\)`));
  // Told by its bytes when the server sends no Content-Type.
  await assert.rejects(createChecker({ platform: 'pdd', wasm: `${base}/untyped` }), /^Error: chatlint: got an HTML page instead of chatlint\.wasm at http:\/\/127\.0\.0\.1:\d+\/untyped: copy/);
  await assert.rejects(createChecker({ platform: 'pdd', wasm: `${base}/text.js` }),
    /^Error: chatlint: got something else than chatlint\.wasm at http:\/\/127\.0\.0\.1:\d+\/text\.js \(Content-Type: text\/javascript\) \(it starts with 65 78 70 6f, not the WebAssembly magic 00 61 73 6d\): copy chatlint\.wasm next to your bundle/);
  // A Response handed over, too.
  await assert.rejects(createChecker({ platform: 'pdd', wasm: fetch(url) }), /^Error: chatlint: got an HTML page instead of chatlint\.wasm at http:/);
  // The real one, served with it, works.
  const c = await createChecker({ platform: 'pdd', wasm: `${base}/assets/chatlint.wasm` });
  assert.equal(c.check('加我微信').ok, false);
  c.dispose();
});

test('a 404, or nothing listening, where the .wasm should be', async () => {
  const url = `${base}/missing/chatlint.wasm`;
  await assert.rejects(createChecker({ platform: 'pdd', wasm: url }), guidance(`cannot fetch chatlint\\.wasm at ${url.replace(/\./g, '\\.')} \\(HTTP 404\\)`));
  // Under Vite's pre-bundling folder, a 404 carries the Vite hint too.
  const vite = `${base}/missing/node_modules/.vite/deps/chatlint.wasm`;
  await assert.rejects(createChecker({ platform: 'pdd', wasm: vite }), guidance(`cannot fetch chatlint\\.wasm at ${vite.replace(/\./g, '\\.')} \\(HTTP 404\\)`, true));
  await assert.rejects(createChecker({ platform: 'pdd', wasm: 'http://127.0.0.1:1/chatlint.wasm' }),
    /^Error: chatlint: cannot fetch chatlint\.wasm at http:\/\/127\.0\.0\.1:1\/chatlint\.wasm \(fetch failed\): copy chatlint\.wasm next to your bundle/);
});

test('a file on disk that is not the .wasm (both ES module builds read files in Node)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'chatlint-errors-'));
  try {
    const file = join(dir, 'chatlint.wasm');
    writeFileSync(file, HTML);
    for (const make of [createChecker, node.createChecker]) {
      await assert.rejects(make({ platform: 'pdd', wasm: file }), guidance(`got an HTML page instead of chatlint\\.wasm at ${file.replace(/\./g, '\\.')}`));
      await assert.rejects(make({ platform: 'pdd', wasm: join(dir, 'none.wasm') }),
        /^Error: chatlint: cannot read the WebAssembly module at .*none\.wasm \(ENOENT: .*\): copy chatlint\.wasm next to your bundle/);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// An app bundled as a classic script (esbuild --format=iife) with the package's ES module
// inside: import.meta is empty there.
async function bundledAsClassicScript() {
  const result = await build({
    stdin: { contents: `export { createChecker } from ${JSON.stringify(fileURLToPath(new URL('chatlint.mjs', dist)))};`, resolveDir: '.' },
    bundle: true, format: 'iife', globalName: 'app', platform: 'browser', write: false, logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

function runClassic(source, globals) {
  const context = vm.createContext({ WebAssembly, URL, TextDecoder, console, fetch, Response, Headers, ...globals },
    { codeGeneration: { strings: false, wasm: true } });
  vm.runInContext(source, context);
  return context.app;
}

test('an ES module bundled into a classic script: import.meta.url is unusable', async () => {
  const source = await bundledAsClassicScript();
  assert.match(source, /import\.meta|new URL\("\.\/chatlint\.wasm", import_meta\.url\)/);
  // No page to be next to: say what to do, not "TypeError: Invalid URL".
  await assert.rejects(runClassic(source, {}).createChecker({ platform: 'pdd' }),
    guidance("cannot tell where chatlint\\.wasm is: import\\.meta\\.url gives no URL of chatlint's module here \\(Invalid URL; was its ES module bundled into a classic script\\?\\)"));
  // On a page, next to the bundle's <script>: found where it was copied...
  const page = runClassic(source, { document: { currentScript: { src: `${base}/assets/app.js` } } });
  const c = await page.createChecker({ platform: 'pdd' });
  assert.equal(c.check('加我微信').ok, false);
  c.dispose();
  // ...and where it was not, a 404 that says what to do.
  const elsewhere = runClassic(source, { document: { currentScript: { src: `${base}/missing/app.js` } } });
  await assert.rejects(elsewhere.createChecker({ platform: 'pdd' }), guidance(`cannot fetch chatlint\\.wasm at ${base.replace(/\./g, '\\.')}/missing/chatlint\\.wasm \\(HTTP 404\\)`));
});
