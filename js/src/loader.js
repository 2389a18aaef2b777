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

// The longest text check() and fix() take, in UTF-16 code units (2^24: 32 MB of
// UTF-16). The engine's WebAssembly memory can grow to 2 GiB (Emscripten's limit
// for this build, under wasm32's 4 GiB), and checking needs about 24 bytes per
// unit for text it drops (spaces, emoji) and 45-70 for ordinary text, more where
// findings are dense. Up to this length any ordinary text fits in a fresh engine
// with room to spare; about 40M units of ordinary text would not fit at all.
const MAX_TEXT_LENGTH = 16 * 1024 * 1024;

function checkLength(text, method) {
  if (text.length > MAX_TEXT_LENGTH) {
    throw new RangeError(`chatlint: ${method}(text): the text is ${text.length} UTF-16 units long, more than the ` +
      `${MAX_TEXT_LENGTH} (MAX_TEXT_LENGTH) chatlint checks at once (its WebAssembly memory is limited): split it`);
  }
}

// The instantiated engine: one per distinct `wasm` source, shared by its checkers.
//
// The engine is built without exceptions: when it runs out of memory (or traps) the
// module aborts, its stack is unwound without destructors, and nothing it holds can
// be trusted again. Every call into it goes through run(): the first failure marks
// the Core dead (with the reason Module.onAbort gave), drops it from the cache so the
// next createChecker() instantiates a fresh engine, and lets go of its memory; every
// later call on it throws the same clear Error.
class Core {
  constructor() {
    this.module = null;
    this.dead = null;         // why the engine stopped, once it has
    this.abortReason = null;  // set by Module.onAbort
    this.forget = () => {};   // removes this Core from the cache (set by loadCore)
    this.lengthSlot = 0;      // 4 bytes of heap for rulesJson's length, allocated once
  }

  attach(module) {
    this.module = module;
    this.lengthSlot = module._malloc(4);
  }

  stoppedError(cause) {
    return new Error(`chatlint: the engine stopped (${this.dead}); create a new checker`, cause ? { cause } : undefined);
  }

  // Calls fn(module) (a call into the engine); any exception escaping the engine
  // leaves it unusable.
  run(fn) {
    if (this.dead !== null) throw this.stoppedError();
    try {
      return fn(this.module);
    } catch (e) {
      throw this.die(e);
    }
  }

  die(cause) {
    if (this.dead === null) {
      const reason = this.abortReason !== null ? this.abortReason
        : cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
      this.dead = reason === '' ? 'aborted' : reason;
      this.module = null;  // the dead instance's memory can be collected
      this.forget();
    }
    return this.stoppedError(cause);
  }

  // Copies `text` into the wasm heap as UTF-16 code units (no re-encoding, so lone
  // surrogates and offsets survive exactly) and returns its length. Call inside run().
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
    return this.run((m) => {
      const base = (m._chatlint_strings(handle) >>> 1) + offset;
      const heap = m.HEAPU16;
      let out = '';
      for (let i = 0; i < length; i += 8192) {
        out += String.fromCharCode.apply(null, heap.subarray(base + i, base + Math.min(length, i + 8192)));
      }
      return out;
    });
  }

  // One rule of a session (or all, index ALL_RULES) as JSON, decoded straight from the heap.
  rulesJson(handle, index) {
    return this.run((m) => {
      const ptr = m._chatlint_rules_json(handle, index, this.lengthSlot);
      const length = m.HEAPU32[this.lengthSlot >>> 2];
      return decodeUtf8(m.HEAPU8.subarray(ptr, ptr + length));
    });
  }

  heapBytes() {
    return this.run((m) => m.HEAPU8.length);
  }
}

// wasm source -> Promise<Core> (a live one; a dead Core removes itself) and
// wasm source -> Promise<WebAssembly.Module> (so a replacement engine is not
// fetched and compiled again).
const corePromises = new Map();
const compiledPromises = new Map();

function loadCore(wasm) {
  const key = wasm === undefined ? defaultWasmLocation() : wasm;
  if (key === undefined || key === null) {
    return Promise.reject(new Error('chatlint: cannot tell where chatlint.wasm is: pass createChecker({ wasm: url })'));
  }
  let promise = corePromises.get(key);
  if (!promise) {
    promise = instantiate(key).then((core) => {
      core.forget = () => { if (corePromises.get(key) === promise) corePromises.delete(key); };
      if (core.dead !== null) core.forget();
      return core;
    });
    corePromises.set(key, promise);
    promise.catch(() => corePromises.delete(key));
  }
  return promise;
}

function compile(wasm) {
  if (typeof WebAssembly === 'object' && wasm instanceof WebAssembly.Module) return Promise.resolve(wasm);
  let promise = compiledPromises.get(wasm);
  if (!promise) {
    promise = readWasmBytes(wasm).then((bytes) => WebAssembly.compile(bytes));
    compiledPromises.set(wasm, promise);
    promise.catch(() => compiledPromises.delete(wasm));
  }
  return promise;
}

async function instantiate(wasm) {
  const compiled = await compile(wasm);
  const core = new Core();
  const module = await createChatlintCore({
    // We instantiate ourselves: the Emscripten glue then needs no fetch, fs or URL logic.
    instantiateWasm(imports, done) {
      WebAssembly.instantiate(compiled, imports).then((instance) => done(instance, compiled));
      return {};
    },
    // Called by the glue's abort() (out of memory, std::abort) before it throws.
    onAbort(what) {
      core.abortReason = String(what === undefined ? '' : what);
    },
    print() {},
    printErr() {},
  });
  core.attach(module);
  return core;
}
