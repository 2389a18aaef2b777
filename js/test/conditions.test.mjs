// package.json `exports`: which build each environment gets, and that the builds for
// browsers bundle with no Node module in them (esbuild resolving as a bundler would).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));

// An app with node_modules/chatlint -> js/; bundles `code` and returns the chatlint file it took.
async function resolvedBuild(code, options) {
  const app = mkdtempSync(join(tmpdir(), 'chatlint-conditions-'));
  try {
    mkdirSync(join(app, 'node_modules'));
    symlinkSync(pkgDir, join(app, 'node_modules', 'chatlint'), 'dir');
    const result = await build({
      stdin: { contents: code, resolveDir: app, loader: 'js' },
      bundle: true, write: false, metafile: true, logLevel: 'silent', format: 'esm', ...options,
    });
    const inputs = Object.keys(result.metafile.inputs).filter((f) => /dist\/chatlint\./.test(f));
    assert.equal(inputs.length, 1, inputs.join());
    return { file: basename(inputs[0]), text: result.outputFiles[0].text };
  } finally {
    rmSync(app, { recursive: true, force: true });
  }
}

const IMPORT = "import { createChecker } from 'chatlint'; globalThis.c = createChecker;";
const REQUIRE = "const { createChecker } = require('chatlint'); globalThis.c = createChecker;";

test('browsers, workers and browser bundlers get the builds with no Node module', async () => {
  const cases = [
    // esbuild's and Rollup's own conditions: they ship no asset, so the .wasm comes inside.
    [IMPORT, { platform: 'browser' }, 'chatlint.inline.mjs'],
    [IMPORT, { platform: 'browser', format: 'iife' }, 'chatlint.inline.mjs'],
    [IMPORT, { platform: 'neutral', conditions: ['worker'] }, 'chatlint.inline.mjs'],
    [IMPORT, { platform: 'neutral', conditions: [] }, 'chatlint.inline.mjs'],
    [REQUIRE, { platform: 'browser' }, 'chatlint.inline.cjs'],
    [REQUIRE, { platform: 'neutral', conditions: ['worker'] }, 'chatlint.inline.cjs'],
    // webpack (`webpack`) and Vite (`browser` with `development`/`production`) ship the
    // .wasm that new URL('./chatlint.wasm', import.meta.url) names: the ES module with the
    // .wasm beside it, for require() too under webpack.
    [IMPORT, { platform: 'browser', conditions: ['webpack', 'production'] }, 'chatlint.mjs'],
    [IMPORT, { platform: 'browser', conditions: ['module', 'browser', 'production'] }, 'chatlint.mjs'],
    [IMPORT, { platform: 'browser', conditions: ['module', 'browser', 'development'] }, 'chatlint.mjs'],
    [IMPORT, { platform: 'browser', conditions: ['worker', 'production'] }, 'chatlint.mjs'],
    // Rollup's node-resolve 16 sets `production` too, but not `browser` (unless asked): inside.
    [IMPORT, { platform: 'neutral', conditions: ['module', 'import', 'production'] }, 'chatlint.inline.mjs'],
    [REQUIRE, { platform: 'browser', conditions: ['webpack'] }, 'chatlint.mjs'],
  ];
  for (const [code, options, expected] of cases) {
    const { file, text } = await resolvedBuild(code, options);
    assert.equal(file, expected, `${code} ${JSON.stringify(options)}`);
    assert.doesNotMatch(text, /\brequire\(|["']node:/, `${file}: no Node module`);
  }
});

test('Node (and bundles for Node) get the builds that read the .wasm from disk', async () => {
  assert.equal((await resolvedBuild(IMPORT, { platform: 'node' })).file, 'chatlint.node.mjs');
  assert.equal((await resolvedBuild(REQUIRE, { platform: 'node', format: 'cjs' })).file, 'chatlint.cjs');
  // Even where a bundler for Node also sets `webpack` or `browser`-like conditions after it.
  assert.equal((await resolvedBuild(REQUIRE, { platform: 'node', format: 'cjs', conditions: ['webpack'] })).file, 'chatlint.cjs');
});
