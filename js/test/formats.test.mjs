// The builds: the ES modules (for browsers and bundlers that ship assets; with the .wasm
// inside, for other bundlers; for Node), the CommonJS builds (for Node; with the .wasm
// inside, for other bundlers) and the classic-script IIFE (as a plain <script> tag or
// an extension content script would run it), and the ways to hand over the .wasm (path,
// URL, bytes, compiled module).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import esm, { createChecker } from '../dist/chatlint.mjs';

const require = createRequire(import.meta.url);
const wasmPath = new URL('../dist/chatlint.wasm', import.meta.url);

test('ESM: named and default exports', async () => {
  assert.equal(esm.createChecker, createChecker);
  const c = await esm.createChecker({ platform: 'pdd' });
  assert.equal(c.check('加我微信').ok, false);
  c.dispose();
});

const NAMES = ['CATEGORIES', 'Checker', 'MAX_TEXT_LENGTH', 'PLATFORMS', 'SEVERITIES', 'createChecker', 'heapSize'];

test('every build exports the same names; the ES modules a default export of them too, the CommonJS builds none', async () => {
  for (const file of ['chatlint.mjs', 'chatlint.inline.mjs', 'chatlint.node.mjs']) {
    const ns = await import(`../dist/${file}`);
    assert.deepEqual(Object.keys(ns).sort(), [...NAMES, 'default'].sort(), file);
    assert.deepEqual(Object.keys(ns.default).sort(), NAMES, `${file} default`);
    for (const name of NAMES) assert.equal(ns.default[name], ns[name], `${file} default.${name}`);
  }
  for (const file of ['chatlint.cjs', 'chatlint.inline.cjs']) {
    const cjs = require(`../dist/${file}`);
    assert.deepEqual(Object.keys(cjs).sort(), NAMES, file);
    assert.equal(cjs.default, undefined, `${file}: no default (index.d.cts declares none)`);
  }
});

test('the Node ES module reads the .wasm next to itself from disk', async () => {
  const node = await import('../dist/chatlint.node.mjs');
  const c = await node.createChecker({ platform: 'pdd' });
  assert.deepEqual(c.check('加我微信').findings.map((f) => f.match), ['加我', '微信']);
  c.dispose();
});

test('the builds with the .wasm inside import no Node module, need no file, and give the same engine', async () => {
  const wasm = readFileSync(wasmPath);
  for (const [file, load] of [['chatlint.inline.mjs', () => import('../dist/chatlint.inline.mjs')],
    ['chatlint.inline.cjs', async () => require('../dist/chatlint.inline.cjs')]]) {
    const source = readFileSync(new URL(`../dist/${file}`, import.meta.url), 'utf8');
    assert.doesNotMatch(source, /require\(|["']node:|chatlint\.wasm['"]/, `${file}: no Node module, no .wasm file named`);
    const inline = await load();
    const c = await inline.createChecker({ platform: 'pdd' });
    assert.deepEqual(c.check('亲,加我微信').findings.map((f) => f.ruleId), ['trade.add_me', 'offsite.wechat'], file);
    c.dispose();
    // Still told where a .wasm is, it takes that one.
    const given = await inline.createChecker({ platform: 'jd', wasm });
    assert.equal(given.check('加我微信').ok, false);
    given.dispose();
  }
  // What is inside is chatlint.wasm itself: gzip + base64 of the same bytes.
  const { gunzipSync } = await import('node:zlib');
  const packed = readFileSync(new URL('../dist/chatlint.inline.mjs', import.meta.url), 'utf8').match(/["'](H4sI[A-Za-z0-9+/=]+)["']/);
  assert.ok(packed, 'a gzip member in base64');
  assert.ok(gunzipSync(Buffer.from(packed[1], 'base64')).equals(wasm));
});

test('CommonJS: require() finds the .wasm next to itself', async () => {
  const cjs = require('../dist/chatlint.cjs');
  assert.deepEqual(Object.keys(cjs).sort(), NAMES);
  const c = await cjs.createChecker({ platform: 'taobao' });
  assert.equal(c.check('支付宝付款').ok, true);
  assert.equal(c.check('加我微信').ok, false);
  c.dispose();
});

test('IIFE: a classic script defines the global chatlint; it runs without eval', async () => {
  const source = readFileSync(new URL('../dist/chatlint.iife.js', import.meta.url), 'utf8');
  // As in an extension content script: no eval/new Function allowed.
  const context = vm.createContext({ WebAssembly, URL, TextDecoder, TextEncoder, console, FinalizationRegistry },
    { codeGeneration: { strings: false, wasm: true } });
  vm.runInContext(source, context);
  assert.equal(typeof context.chatlint.createChecker, 'function');
  // No document and no chrome.runtime here: the caller says where the .wasm is.
  await assert.rejects(context.chatlint.createChecker({ platform: 'pdd' }), /pass createChecker\(\{ wasm: url \}\)/);
  const c = await context.chatlint.createChecker({ platform: 'pdd', wasm: readFileSync(wasmPath) });
  assert.equal(c.check('加我微信').ok, false);
  c.dispose();
  // In an extension the default is chrome.runtime.getURL('chatlint.wasm').
  const asked = [];
  const ext = vm.createContext({ WebAssembly, URL, TextDecoder, console, chrome: { runtime: { getURL: (p) => { asked.push(p); return wasmPath.href; } } } },
    { codeGeneration: { strings: false, wasm: true } });
  vm.runInContext(source, ext);
  ext.fetch = async (url) => new Response(readFileSync(new URL(url)));
  ext.Response = Response;
  const e = await ext.chatlint.createChecker({ platform: 'jd' });
  assert.deepEqual(asked, ['chatlint.wasm']);
  assert.equal(e.check('你问我,我问谁').ok, false);
  e.dispose();
});

test('the .wasm may be given as a path, a file URL, bytes or a compiled module', async () => {
  const bytes = readFileSync(wasmPath);
  const module = await WebAssembly.compile(bytes);
  for (const wasm of [wasmPath.pathname, wasmPath, wasmPath.href, bytes, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), module]) {
    const c = await createChecker({ platform: 'pdd', wasm });
    assert.equal(c.check('加我微信').ok, false, String(wasm));
    c.dispose();
  }
});
