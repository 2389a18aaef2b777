// inline_wasm.js: chatlint.wasm carried inside the JavaScript, for the builds bundlers
// without asset handling get (esbuild, Rollup: they copy no file that
// `new URL('./chatlint.wasm', import.meta.url)` names, so a bundle would look for a
// .wasm that is not there). The module is stored gzip-compressed and base64-encoded:
// base64 of compressed bytes gzips back to about their size, so a page served with gzip
// loads about what the separate .wasm weighs (the README's table has the numbers), and
// the browser's own DecompressionStream inflates it (Chrome 80, Firefox 113, Safari 16.4,
// Node 18).

import { WASM_GZIP_BASE64 } from '#generated/wasm_inline.js';
import { wasmError } from './guidance.js';

let bytes = null;

// The same promise every time: the loader keys its engines by it.
export function inlineWasmBytes() {
  if (!bytes) bytes = inflate();
  return bytes;
}

async function inflate() {
  if (typeof DecompressionStream !== 'function' || typeof atob !== 'function') {
    throw wasmError('this JavaScript engine has no DecompressionStream to unpack the chatlint.wasm inside the ' +
      'bundle (Chrome 80+, Firefox 113+, Safari 16.4+, Node 18+)');
  }
  const packed = atob(WASM_GZIP_BASE64);
  const gz = new Uint8Array(packed.length);
  for (let i = 0; i < packed.length; i++) gz[i] = packed.charCodeAt(i);
  const stream = new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
