// The builds with chatlint.wasm inside (dist/chatlint.inline.mjs, dist/chatlint.inline.cjs):
// what a bundler gets when it is neither webpack nor Vite (no `webpack`, `development` or
// `production` condition: esbuild, Rollup, Jest), so that its bundle runs with no file to
// copy. createChecker({ wasm }) still takes the .wasm from elsewhere when given.

import { configureLoader } from '../loader.js';
import { inlineWasmBytes } from '../inline_wasm.js';
import { readLocalFile } from '../read_file_runtime.js';
import { api } from '../api_object.js';

configureLoader({ defaultWasmLocation: inlineWasmBytes, readLocalFile });

export * from '../api.js';
export default api;
