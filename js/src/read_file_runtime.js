// read_file_runtime.js: the builds for browsers and bundlers import no Node module (a
// browser bundler would fail on it), yet run in Node too (by path, in jsdom tests):
// there they read a local .wasm through process.getBuiltinModule (Node 20.16+, Deno,
// Bun), which no bundler follows.

import { wasmError } from './guidance.js';

const runtime = typeof process === 'object' && process !== null && typeof process.versions === 'object' &&
  process.versions !== null && !!process.versions.node ? process : null;

export function readLocalFile(href) {
  if (runtime === null) return null;  // a browser: fetch it
  if (typeof runtime.getBuiltinModule !== 'function') {
    throw wasmError(`cannot read the WebAssembly module at ${href}: this Node has no process.getBuiltinModule ` +
      "(Node 20.16+); import 'chatlint' by name (its Node build reads files) or pass the file's bytes as `wasm:`");
  }
  try {
    const fs = runtime.getBuiltinModule('fs');
    return new Uint8Array(fs.readFileSync(href.startsWith('file:') ? new URL(href) : href));
  } catch (e) {
    throw wasmError(`cannot read the WebAssembly module at ${href} (${e.message})`, e);
  }
}
