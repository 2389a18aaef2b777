// Assembles the npm package in js/dist from the Emscripten output and js/src:
//   dist/chatlint.mjs      ES module (Node 20, browsers, module workers, bundlers)
//   dist/chatlint.cjs      CommonJS (require('chatlint'))
//   dist/chatlint.iife.js  classic script defining the global `chatlint`
//                          (plain <script> tags, importScripts, extension content scripts)
//   dist/chatlint.wasm     the engine with the compiled rule packs inside
//   dist/index.d.ts        the hand-written types (js/index.d.ts)
// No bundler: each format is the Emscripten factory plus js/src in one scope,
// between a small format-specific header (which says where the .wasm is by
// default) and footer (the exports).
//   node js/scripts/build.mjs build-wasm/chatlint_core.js build-wasm/chatlint_core.wasm
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const [glueFile, wasmFile] = process.argv.slice(2);
if (!glueFile || !wasmFile) {
  console.error('usage: node js/scripts/build.mjs GLUE.js MODULE.wasm');
  process.exit(2);
}
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

// The Emscripten factory, without its own CommonJS/AMD export lines.
const glue = readFileSync(glueFile, 'utf8')
  .split('\n')
  .filter((line) => !/^(if|else if) \(typeof (exports|define)/.test(line) && !/^\s*(module\.exports|exports\[|define\()/.test(line))
  .join('\n');
if (!glue.includes('createChatlintCore')) throw new Error(`${glueFile}: no createChatlintCore factory`);

const sources = ['loader.js', 'checker.js', 'create_checker.js']
  .map((f) => `// ---- js/src/${f}\n` + readFileSync(join(root, 'src', f), 'utf8'))
  .join('\n');
const names = 'createChecker, heapSize, Checker, PLATFORMS, CATEGORIES, SEVERITIES, MAX_TEXT_LENGTH';
const banner = `// chatlint ${version}: checks e-commerce chat replies against platform rules, locally.\n` +
  '// Built by js/scripts/build.mjs from the Emscripten module and js/src; do not edit.\n';

const esm = `${banner}
const defaultWasmLocation = () => new URL('./chatlint.wasm', import.meta.url).href;
${glue}
${sources}
export { ${names} };
export default { ${names} };
`;

const cjs = `${banner}'use strict';
const defaultWasmLocation = () => (typeof __dirname === 'string' ? require('path').join(__dirname, 'chatlint.wasm') : undefined);
${glue}
${sources}
module.exports = { ${names} };
`;

const iife = `${banner}var chatlint = (function () {
'use strict';
// In an extension, the .wasm is one of its files; on a page, it sits next to this script.
const scriptUrl = typeof document !== 'undefined' && document.currentScript ? document.currentScript.src : undefined;
const defaultWasmLocation = () => {
  if (typeof chrome === 'object' && chrome && chrome.runtime && typeof chrome.runtime.getURL === 'function') {
    return chrome.runtime.getURL('chatlint.wasm');
  }
  return scriptUrl ? new URL('chatlint.wasm', scriptUrl).href : undefined;
};
${glue}
${sources}
return { ${names} };
})();
`;

const dist = join(root, 'dist');
mkdirSync(dist, { recursive: true });
writeFileSync(join(dist, 'chatlint.mjs'), esm);
writeFileSync(join(dist, 'chatlint.cjs'), cjs);
writeFileSync(join(dist, 'chatlint.iife.js'), iife);
copyFileSync(wasmFile, join(dist, 'chatlint.wasm'));
copyFileSync(join(root, 'index.d.ts'), join(dist, 'index.d.ts'));
console.log(`js/dist: chatlint ${version} (mjs, cjs, iife, wasm, d.ts)`);
