// wasm_location.js: where chatlint.wasm is by default, for the builds that run as (or
// inside) a classic script: the IIFE, the browser CommonJS build, and the ES module
// build once a bundler has turned it into a classic script.

import { wasmError } from './guidance.js';

// document.currentScript is set only while a classic script first runs, so it is read
// as this module is evaluated (when the script or bundle holding it runs).
const scriptUrl = typeof document === 'object' && document !== null && document.currentScript &&
  document.currentScript.src ? document.currentScript.src : undefined;

// In an extension, the .wasm is one of its files (listed in web_accessible_resources);
// on a page, it sits next to the script (or bundle) that holds chatlint.
export function classicScriptWasmLocation() {
  if (typeof chrome === 'object' && chrome && chrome.runtime && typeof chrome.runtime.getURL === 'function') {
    return chrome.runtime.getURL('chatlint.wasm');
  }
  return scriptUrl ? new URL('chatlint.wasm', scriptUrl).href : undefined;
}

// The ES module build: next to the module (a bundler that copies the .wasm rewrites
// `new URL('./chatlint.wasm', import.meta.url)` to the copy's URL). A bundle that
// inlined it into a classic script has no usable import.meta.url: next to that script,
// else an Error saying what to do.
export function moduleWasmLocation(locate) {
  try {
    return locate();
  } catch (e) {
    const beside = classicScriptWasmLocation();
    if (beside) return beside;
    throw wasmError(`cannot tell where chatlint.wasm is: import.meta.url gives no URL of chatlint's module here ` +
      `(${e && e.message}; was its ES module bundled into a classic script?)`, e);
  }
}
