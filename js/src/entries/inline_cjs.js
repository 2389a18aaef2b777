// CommonJS with chatlint.wasm inside (dist/chatlint.inline.cjs): require('chatlint') in
// a bundler that is not webpack (esbuild, Jest). As inline.js, without a default export:
// require() returns the named exports. (Its own setup, not an import of inline.js: the
// package is "sideEffects": false, so a setup reached only through `export *` is dropped.)

import { configureLoader } from '../loader.js';
import { inlineWasmBytes } from '../inline_wasm.js';
import { readLocalFile } from '../read_file_runtime.js';

configureLoader({ defaultWasmLocation: inlineWasmBytes, readLocalFile });

export * from '../api.js';
