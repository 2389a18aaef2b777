// loader.js: finds and instantiates chatlint.wasm in Node, a page, a worker or an
// extension content script, and wraps the Emscripten module as a `Core`.
//
// Part of the chatlint package: js/scripts/build.mjs concatenates the files of
// js/src into one scope for each output format (ESM, CommonJS, IIFE), after the
// Emscripten factory `createChatlintCore`. `defaultWasmLocation()` is defined by
// the format's own header.

const isNode = typeof process === 'object' && process !== null &&
  typeof process.versions === 'object' && process.versions !== null && !!process.versions.node;

function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `the string "${value}"` : typeof value;
}

async function readWasmBytes(wasm) {
  if (wasm instanceof ArrayBuffer) return new Uint8Array(wasm);
  if (ArrayBuffer.isView(wasm)) return new Uint8Array(wasm.buffer, wasm.byteOffset, wasm.byteLength);
  const url = wasm instanceof URL ? wasm : (typeof wasm === 'string' ? wasm : null);
  if (url === null) {
    // Checked last: in Node, the first touch of the global Response loads its whole fetch stack.
    if (wasm && typeof wasm.then === 'function') return readWasmBytes(await wasm);
    if (typeof Response === 'function' && wasm instanceof Response) return new Uint8Array(await wasm.arrayBuffer());
    throw new TypeError(`chatlint: options.wasm must be a URL, a path, bytes, a Response or a WebAssembly.Module, got ${describe(wasm)}`);
  }
  const href = String(url);
  if (isNode && !/^(https?|data|blob):/.test(href)) {
    // node:fs is loaded at Node's startup already (node:fs/promises would cost ~20 ms more).
    const fs = await import(/* webpackIgnore: true */ /* @vite-ignore */ 'node:fs');
    try {
      return new Uint8Array(fs.readFileSync(href.startsWith('file:') ? new URL(href) : href));
    } catch (e) {
      throw new Error(`chatlint: cannot read the WebAssembly module at ${href}: ${e.message}`);
    }
  }
  let response;
  try {
    response = await fetch(href);
  } catch (e) {
    throw new Error(`chatlint: cannot fetch the WebAssembly module at ${href}: ${e.message}`);
  }
  if (!response.ok) throw new Error(`chatlint: cannot fetch the WebAssembly module at ${href}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

// Node's Buffer is ready at startup; its TextDecoder costs milliseconds on first use.
let utf8Decoder = null;
function decodeUtf8(bytes) {
  if (isNode && typeof Buffer === 'function') return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (!utf8Decoder) utf8Decoder = new TextDecoder('utf-8');
  return utf8Decoder.decode(bytes);
}

// The instantiated engine: one per distinct `wasm` source, shared by its checkers.
class Core {
  constructor(module) {
    this.module = module;
  }

  // Copies `text` into the wasm heap as UTF-16 code units (no re-encoding, so lone
  // surrogates and offsets survive exactly) and returns its length.
  write(handle, text) {
    const m = this.module;
    const len = text.length;
    const ptr = m._chatlint_input(handle, len) >>> 1;
    const heap = m.HEAPU16;  // read after the call: the heap may have grown
    for (let i = 0; i < len; i++) heap[ptr + i] = text.charCodeAt(i);
    return len;
  }

  // UTF-16 units [offset, offset + length) of the session's string buffer.
  readString(handle, offset, length) {
    const m = this.module;
    const base = (m._chatlint_strings(handle) >>> 1) + offset;
    const heap = m.HEAPU16;
    let out = '';
    for (let i = 0; i < length; i += 8192) {
      out += String.fromCharCode.apply(null, heap.subarray(base + i, base + Math.min(length, i + 8192)));
    }
    return out;
  }

  // One rule of a session (or all, index ALL_RULES) as JSON, decoded straight from the heap.
  rulesJson(handle, index) {
    const m = this.module;
    const lengthPtr = m._malloc(4);
    try {
      const ptr = m._chatlint_rules_json(handle, index, lengthPtr);
      const length = m.HEAPU32[lengthPtr >>> 2];
      return decodeUtf8(m.HEAPU8.subarray(ptr, ptr + length));
    } finally {
      m._free(lengthPtr);
    }
  }

  heapBytes() {
    return this.module.HEAPU8.length;
  }
}

const corePromises = new Map();

function loadCore(wasm) {
  const key = wasm === undefined ? defaultWasmLocation() : wasm;
  if (key === undefined || key === null) {
    return Promise.reject(new Error('chatlint: cannot tell where chatlint.wasm is: pass createChecker({ wasm: url })'));
  }
  let promise = corePromises.get(key);
  if (!promise) {
    promise = instantiate(key);
    corePromises.set(key, promise);
    promise.catch(() => corePromises.delete(key));
  }
  return promise;
}

async function instantiate(wasm) {
  const compiled = (typeof WebAssembly === 'object' && wasm instanceof WebAssembly.Module)
    ? wasm : await WebAssembly.compile(await readWasmBytes(wasm));
  const module = await createChatlintCore({
    // We instantiate ourselves: the Emscripten glue then needs no fetch, fs or URL logic.
    instantiateWasm(imports, done) {
      WebAssembly.instantiate(compiled, imports).then((instance) => done(instance, compiled));
      return {};
    },
    print() {},
    printErr() {},
  });
  return new Core(module);
}
