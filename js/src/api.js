// api.js: what every build of the package exports (the entries in js/src/entries/ add
// where the .wasm is by default, and the ES module builds a default export).

export { createChecker, heapSize } from './create_checker.js';
export { Checker } from './checker.js';
export { PLATFORMS, CATEGORIES, SEVERITIES } from '#generated/names.js';
export { MAX_TEXT_LENGTH } from './limits.js';
