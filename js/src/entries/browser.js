// The ES module for browsers, module workers and bundlers (dist/chatlint.mjs): no Node
// module imported anywhere; the .wasm is next to the module.

import { configureLoader } from '../loader.js';
import { moduleWasmLocation } from '../wasm_location.js';
import { readLocalFile } from '../read_file_runtime.js';
import { api } from '../api_object.js';

configureLoader({
  // Written out as bundlers (webpack, Vite, Parcel) recognise it: they copy the .wasm.
  defaultWasmLocation: () => moduleWasmLocation(() => new URL('./chatlint.wasm', import.meta.url).href),
  readLocalFile,
});

export * from '../api.js';
export default api;
