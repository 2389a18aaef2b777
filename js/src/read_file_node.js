// read_file_node.js: reads chatlint.wasm from disk in Node (the package's Node builds,
// chatlint.node.mjs and chatlint.cjs, which are all that import node:fs).

import { readFileSync } from 'node:fs';
import { wasmError } from './guidance.js';

export function readLocalFile(href) {
  try {
    return new Uint8Array(readFileSync(href.startsWith('file:') ? new URL(href) : href));
  } catch (e) {
    throw wasmError(`cannot read the WebAssembly module at ${href} (${e.message})`, e);
  }
}
