// CommonJS for Node (dist/chatlint.cjs, require('chatlint')): reads the .wasm next to
// it from disk. No default export: require() returns the named exports.

import { join } from 'node:path';
import { configureLoader } from '../loader.js';
import { readLocalFile } from '../read_file_node.js';

configureLoader({
  defaultWasmLocation: () => (typeof __dirname === 'string' ? join(__dirname, 'chatlint.wasm') : undefined),
  readLocalFile,
});

export * from '../api.js';
