// The builds: the ES modules (for browsers and bundlers; for Node), the CommonJS builds
// (for Node; for browser bundlers) and the classic-script IIFE (as a plain <script> tag or
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
  for (const file of ['chatlint.mjs', 'chatlint.node.mjs']) {
    const ns = await import(`../dist/${file}`);
    assert.deepEqual(Object.keys(ns).sort(), [...NAMES, 'default'].sort(), file);
    assert.deepEqual(Object.keys(ns.default).sort(), NAMES, `${file} default`);
    for (const name of NAMES) assert.equal(ns.default[name], ns[name], `${file} default.${name}`);
  }
  for (const file of ['chatlint.cjs', 'chatlint.browser.cjs']) {
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

test('the CommonJS build for browser bundlers imports no Node module; told where the .wasm is, it works', async () => {
  const source = readFileSync(new URL('../dist/chatlint.browser.cjs', import.meta.url), 'utf8');
  assert.doesNotMatch(source, /require\(/);
  const cjs = require('../dist/chatlint.browser.cjs');
  // No page, no extension: nothing to find the .wasm next to.
  await assert.rejects(cjs.createChecker({ platform: 'pdd' }), /pass createChecker\(\{ wasm: url \}\)/);
  const c = await cjs.createChecker({ platform: 'pdd', wasm: readFileSync(wasmPath) });
  assert.equal(c.check('加我微信').ok, false);
  c.dispose();
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
