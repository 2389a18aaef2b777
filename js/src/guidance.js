// guidance.js: the errors for a chatlint.wasm that is not where the package looked
// (a bundler moved the package but not the .wasm, a dev server answered with its
// HTML page, a 404): they say what to do, not just what failed.

const WHAT_TO_DO = 'copy chatlint.wasm next to your bundle or pass `wasm:` to createChecker (see README: Use with a bundler)';
// Vite's dev server pre-bundles dependencies into node_modules/.vite/deps/ (without the
// .wasm) and answers a request for a file it does not have with the app's index.html.
const VITE = "; with Vite's dev server, also keep chatlint out of its pre-bundling: optimizeDeps: { exclude: ['chatlint'] }";

// The Vite hint only where Vite's dev server may be the cause: it answered with an HTML
// page, or the URL is in its pre-bundling folder. Elsewhere (a 404 from a static server,
// esbuild's output) it would send the reader down the wrong path.
export function wasmError(what, cause) {
  const vite = /HTML page|\/\.vite\//.test(what) ? VITE : '';
  return new Error(`chatlint: ${what}: ${WHAT_TO_DO}${vite}`, cause ? { cause } : undefined);
}

// The first bytes of every WebAssembly module: "\0asm".
const MAGIC = [0x00, 0x61, 0x73, 0x6d];

function hex(bytes) {
  return Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
}

function looksLikeHtml(bytes) {
  // A BOM, then white space, then '<' (<!doctype html>, <html>, <!-- ... -->).
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && i < 1024 && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i] === 0x3c;
}

// Returns bytes if they are a WebAssembly module, else throws what they are instead.
//   where: "at <url>" or "in options.wasm"; contentType: the response's, if any.
export function checkWasmBytes(bytes, where, contentType) {
  if (bytes.length >= 4 && MAGIC.every((b, i) => bytes[i] === b)) return bytes;
  const type = contentType ? ` (Content-Type: ${contentType})` : '';
  if ((contentType && /html/i.test(contentType)) || looksLikeHtml(bytes)) {
    throw wasmError(`got an HTML page instead of chatlint.wasm ${where}${type}`);
  }
  const start = bytes.length === 0 ? 'it is empty' : `it starts with ${hex(bytes)}`;
  throw wasmError(`got something else than chatlint.wasm ${where}${type} (${start}, not the WebAssembly magic 00 61 73 6d)`);
}
