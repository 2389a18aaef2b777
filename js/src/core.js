// core.js: the instantiated engine (the Emscripten module) as a `Core`, shared by
// the checkers of one wasm source; every call into the engine goes through it.

const isNode = typeof process === 'object' && process !== null &&
  typeof process.versions === 'object' && process.versions !== null && !!process.versions.node;

// Node's Buffer is ready at startup; its TextDecoder costs milliseconds on first use.
let utf8Decoder = null;
function decodeUtf8(bytes) {
  if (isNode && typeof Buffer === 'function') return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (!utf8Decoder) utf8Decoder = new TextDecoder('utf-8');
  return utf8Decoder.decode(bytes);
}

// The engine is built without exceptions: when it runs out of memory (or traps) the
// module aborts, its stack is unwound without destructors, and nothing it holds can
// be trusted again. Every call into it goes through run(): the first failure marks
// the Core dead (with the reason Module.onAbort gave), drops it from the cache so the
// next createChecker() instantiates a fresh engine, and lets go of its memory; every
// later call on it throws the same clear Error.
export class Core {
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
