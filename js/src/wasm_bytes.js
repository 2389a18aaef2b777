// wasm_bytes.js: the bytes of chatlint.wasm from whatever createChecker({ wasm }) was
// given (a URL, a path, bytes, a Response, a promise of one), checked to be a
// WebAssembly module before they are compiled.

import { describe } from './describe.js';
import { checkWasmBytes, wasmError } from './guidance.js';

// readLocalFile(href) -> bytes, or null where files cannot be read (a browser): given
// by the build (read_file_node.js in Node, read_file_runtime.js elsewhere).
export async function readWasmBytes(wasm, readLocalFile) {
  if (wasm instanceof ArrayBuffer) return checkWasmBytes(new Uint8Array(wasm), 'in options.wasm');
  if (ArrayBuffer.isView(wasm)) return checkWasmBytes(new Uint8Array(wasm.buffer, wasm.byteOffset, wasm.byteLength), 'in options.wasm');
  const url = wasm instanceof URL ? wasm : (typeof wasm === 'string' ? wasm : null);
  if (url === null) {
    // Checked last: in Node, the first touch of the global Response loads its whole fetch stack.
    if (wasm && typeof wasm.then === 'function') return readWasmBytes(await wasm, readLocalFile);
    if (typeof Response === 'function' && wasm instanceof Response) return responseBytes(wasm, wasm.url || 'options.wasm (a Response)');
    throw new TypeError(`chatlint: options.wasm must be a URL, a path, bytes, a Response or a WebAssembly.Module, got ${describe(wasm)}`);
  }
  const href = String(url);
  if (!/^(https?|data|blob):/i.test(href)) {
    const bytes = readLocalFile ? readLocalFile(href) : null;
    if (bytes) return checkWasmBytes(bytes, `at ${href}`);
  }
  let response;
  try {
    response = await fetch(href);
  } catch (e) {
    throw wasmError(`cannot fetch chatlint.wasm at ${absolute(href)} (${e.message})`, e);
  }
  return responseBytes(response, absolute(href));
}

// A relative URL as the page resolved it, so that an error names the file the server was asked for.
function absolute(href) {
  try {
    return typeof location === 'object' && location && location.href ? new URL(href, location.href).href : href;
  } catch {
    return href;
  }
}

async function responseBytes(response, href) {
  if (!response.ok) throw wasmError(`cannot fetch chatlint.wasm at ${href} (HTTP ${response.status})`);
  const type = response.headers && response.headers.get('content-type');
  return checkWasmBytes(new Uint8Array(await response.arrayBuffer()), `at ${href}`, type);
}
