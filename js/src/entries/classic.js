// The IIFE (dist/chatlint.iife.js, the global `chatlint`: <script> tags, importScripts,
// extension content scripts):
// no Node module imported; the .wasm is an extension's file, or next to the script.

import { configureLoader } from '../loader.js';
import { classicScriptWasmLocation } from '../wasm_location.js';
import { readLocalFile } from '../read_file_runtime.js';

configureLoader({ defaultWasmLocation: classicScriptWasmLocation, readLocalFile });

export * from '../api.js';
