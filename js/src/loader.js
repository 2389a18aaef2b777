// loader.js: finds, compiles and instantiates chatlint.wasm (once per wasm source),
// and wraps the Emscripten module as a `Core`.
//
// Where the .wasm is by default, and whether files can be read, depends on the build:
// each entry (js/src/entries/) calls configureLoader() once, as it is evaluated.

// The Emscripten glue (a classic script defining createChatlintCore), wrapped as an ES
// module by js/scripts/build.mjs into its build folder.
import { createChatlintCore } from '#generated/chatlint_core.js';
import { Core } from './core.js';
import { readWasmBytes } from './wasm_bytes.js';

let environment = {
  // The default `wasm`: a URL or path, or undefined when it cannot be told; may throw
  // an Error saying what to do instead.
  defaultWasmLocation: () => undefined,
  // href -> the file's bytes, or null where files cannot be read.
  readLocalFile: null,
};

export function configureLoader({ defaultWasmLocation, readLocalFile }) {
  environment = { defaultWasmLocation, readLocalFile };
}

// wasm source -> Promise<Core> (a live one; a dead Core removes itself) and
// wasm source -> Promise<WebAssembly.Module> (so a replacement engine is not
// fetched and compiled again).
const corePromises = new Map();
const compiledPromises = new Map();

export function loadCore(wasm) {
  let key = wasm;
  if (key === undefined) {
    try {
      key = environment.defaultWasmLocation();
    } catch (e) {
      return Promise.reject(e);
    }
  }
  if (key === undefined || key === null) {
    return Promise.reject(new Error('chatlint: cannot tell where chatlint.wasm is: pass createChecker({ wasm: url }) ' +
      '(the URL of chatlint.wasm, its bytes or a compiled WebAssembly.Module)'));
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
    promise = readWasmBytes(wasm, environment.readLocalFile).then((bytes) => WebAssembly.compile(bytes));
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
