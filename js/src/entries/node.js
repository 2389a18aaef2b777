// The ES module for Node (dist/chatlint.node.mjs): reads the .wasm next to it from disk.

import { configureLoader } from '../loader.js';
import { readLocalFile } from '../read_file_node.js';
import { api } from '../api_object.js';

configureLoader({
  defaultWasmLocation: () => new URL('./chatlint.wasm', import.meta.url).href,
  readLocalFile,
});

export * from '../api.js';
export default api;
