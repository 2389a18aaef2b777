// The packed npm package in front-end developers' toolchains (issue 12): for each
// bundler, an empty app whose script imports 'chatlint' (or require()s it), checks
// '亲,加我微信' on pdd and writes the marked findings into the page; the app is built
// with the bundler's defaults, served on 127.0.0.1 and opened in Debian's Chromium.
// Each case prints its commands, whether it needed any configuration, its timing and
// the gzip -9 weight of what it ships. Screenshots: tests/bundlers/screenshots/.
//
// Run (after scripts/build.sh built js/dist; the first install takes about 20 s, a run about a minute):
//   (cd tests/bundlers && npm install --no-audit --no-fund --silent) && node --test tests/bundlers/
// CHATLINT_PACKAGE_DIR=DIR packs DIR instead of js/; CHATLINT_KEEP_APPS=1 keeps the apps
// (tests/bundlers/.work/run-*/) of a run that passed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  EXPECTED, copyDir, freePort, here, gzipWeight, pkgDir, isFile, kb, launchBrowser, makeApp, openApp, pack,
  pageHtml, pageScript, run, serveStatic, startServer, tool, work, workRoot,
} from './harness.mjs';

const ESM = pageScript("import { createChecker } from 'chatlint';");
const CJS = pageScript("const { createChecker } = require('chatlint');");
const README = /Use with a bundler/;

let tarball, browser, budget;
const results = [];
// What a page may load at most: the engine once (the .wasm, separate or inside the bundle)
// and the package's JavaScript, plus the app's few lines and page (8 KB). A bundle that
// carries the engine twice, or drags in polyfills, is over it.
const SLACK = 8 * 1024;
const t0 = Date.now();

before(async () => {
  const t = Date.now();
  ({ tarball } = await pack());
  const dist = join(pkgDir, 'dist');
  const engine = gzipWeight(dist, ['chatlint.wasm', 'chatlint.mjs']);
  budget = engine.total + SLACK;
  console.log(`the package's .wasm + chatlint.mjs: ${kb(engine.total)} gzip -9; a page may load up to ${kb(budget)}`);
  browser = await launchBrowser();
  console.log(`npm pack + Chromium: ${Date.now() - t} ms`);
});

after(async () => {
  await browser?.close();
  const lines = ['', 'bundler                      zero-config  result  build     total     shipped (gzip -9)   loaded by the page'];
  for (const r of results) {
    lines.push(`${r.name.padEnd(28)} ${(r.zeroConfig === null ? '-' : r.zeroConfig ? 'yes' : 'no').padEnd(12)} ${r.result.padEnd(7)} ` +
      `${(r.buildMs === undefined ? '-' : `${(r.buildMs / 1000).toFixed(1)} s`).padEnd(9)} ${`${(r.totalMs / 1000).toFixed(1)} s`.padEnd(9)} ` +
      `${(r.shipped ? kb(r.shipped.total) : '-').padEnd(19)} ${r.loaded ? kb(r.loaded.total) : '-'}`);
    for (const c of r.commands) lines.push(`    $ ${c}`);
  }
  lines.push(`all bundlers: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(lines.join('\n'));
  if (work) {
    writeFileSync(join(workRoot, 'results.json'), JSON.stringify(results, null, 2));
    if (results.every((r) => r.result === 'pass') && !process.env.CHATLINT_KEEP_APPS) rmSync(work, { recursive: true, force: true });
    else console.log(`the apps are kept in ${work}`);
  }
});

// Where the installed package's chatlint.wasm is, through its exports map.
const wasmOf = (dir) => createRequire(join(dir, 'package.json')).resolve('chatlint/chatlint.wasm');
// The recipes' `cp node_modules/chatlint/dist/chatlint.wasm dist/`: that path must be the export's.
function copyWasm(dir, out) {
  const file = join(dir, 'node_modules', 'chatlint', 'dist', 'chatlint.wasm');
  assert.equal(wasmOf(dir), file, "the recipe's path is not where 'chatlint/chatlint.wasm' resolves");
  cpSync(file, join(dir, out, 'chatlint.wasm'));
}

// Checks what an app's page showed: the reply marked with the right rules, nothing failed.
function assertFindings(page, name) {
  const detail = `${name}: ${JSON.stringify(page, null, 1)}`;
  assert.equal(page.error, undefined, detail);
  assert.equal(page.state, 'flagged', detail);
  for (const e of EXPECTED) assert.ok(page.marks.some((m) => m.rule === e.rule && m.text === e.text), `${e.text} not marked ${e.rule}: ${detail}`);
  assert.ok(page.items.some((i) => i.startsWith('offsite.wechat (block): 微信')), detail);
  assert.deepEqual(page.problems, [], detail);
}

// A page that cannot load the .wasm must say which file (its URL), what came back and where the recipe is.
function assertHelpfulError(page, name, what) {
  const detail = `${name}: ${JSON.stringify(page, null, 1)}`;
  assert.equal(page.state, 'error', detail);
  assert.match(page.error, /https?:\/\/127\.0\.0\.1:\d+\/\S*chatlint\.wasm/, `the URL it tried: ${detail}`);
  assert.match(page.error, what, detail);
  assert.match(page.error, README, detail);
}

// One bundler case: make the app, build it, serve it, open it, weigh what it ships.
async function bundlerCase({ name, zeroConfig, commands, files, build, out = 'dist', serve, check = assertFindings }) {
  const record = { name, zeroConfig, commands, result: 'FAIL' };
  results.push(record);
  const start = Date.now();
  try {
    const dir = await makeApp(name, tarball, files);
    let t = Date.now();
    if (build) {
      await build(dir);
      record.buildMs = Date.now() - t;
      record.shipped = gzipWeight(join(dir, out));
    }
    const server = serve ? await serve(dir) : await serveStatic(join(dir, out));
    let page;
    try {
      page = await openApp(browser, server.url, name);
    } finally {
      await (server.stop ?? server.close)();
    }
    if (build) {
      // What the browser loaded of the output folder ('/' is index.html).
      const files = page.fetched.map((p) => (p.endsWith('/') ? p + 'index.html' : p).slice(1)).filter((f) => isFile(join(dir, out, f)));
      record.loaded = gzipWeight(join(dir, out), files);
      assert.ok(record.loaded.total <= budget, `${name}: the page loads ${kb(record.loaded.total)} gzip -9, more than ` +
        `the engine once and its JavaScript (${kb(budget - SLACK)}) + ${kb(SLACK)}: ${Object.keys(record.loaded.files).join(', ')}`);
    }
    record.page = page;
    check(page, name);
    record.result = 'pass';
  } finally {
    record.totalMs = Date.now() - start;
    console.log(`${name}: ${record.result}, ${record.totalMs} ms` +
      (record.shipped ? `, ships ${kb(record.shipped.total)} gzip -9 (${Object.entries(record.shipped.files).map(([f, [, g]]) => `${f} ${kb(g)}`).join(', ')})` : '') +
      (record.loaded ? `, the page loads ${kb(record.loaded.total)}` : ''));
  }
}

// Vite: index.html at the root, its module script imports the package.
const viteApp = (app) => ({ 'index.html': pageHtml('<script type="module" src="/src/main.js"></script>', app), 'src/main.js': ESM });
const viteReady = /Local:\s+http/;

async function viteServer(dir, viteBin, mode, { port } = {}) {
  port ??= await freePort();
  const args = mode === 'dev' ? ['--host', '127.0.0.1', '--port', String(port), '--strictPort']
    : ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'];
  const server = await startServer(process.execPath, [viteBin, ...args], { cwd: dir, ready: viteReady });
  return { url: `http://127.0.0.1:${port}/`, stop: server.stop };
}
const vite8 = tool('vite');
const vite6 = join(here, 'node_modules', 'vite6', 'bin', 'vite.js');

test('Vite (latest major): vite build + vite preview, zero config', () => bundlerCase({
  name: 'vite-build',
  zeroConfig: true,
  commands: ['npx vite build', 'npx vite preview'],
  files: viteApp('vite build'),
  build: (dir) => run(process.execPath, [vite8, 'build'], { cwd: dir }),
  serve: (dir) => viteServer(dir, vite8, 'preview'),
}));

// Vite's vanilla-ts template: `tsc && vite build`, tsconfig as the template has it
// (moduleResolution "bundler", strict): the package's types resolve and type the page.
const tsconfig = {
  compilerOptions: {
    target: 'ES2022', module: 'ESNext', lib: ['ES2022', 'DOM', 'DOM.Iterable'], types: [], skipLibCheck: true,
    moduleResolution: 'bundler', allowImportingTsExtensions: true, verbatimModuleSyntax: true, moduleDetection: 'force',
    noEmit: true, strict: true, noUnusedLocals: true, noUnusedParameters: true, noFallthroughCasesInSwitch: true,
  },
  include: ['src'],
};
const TS = pageScript(`import { createChecker, type Finding, type Platform } from 'chatlint';
import chatlint from 'chatlint';
const platformOf = (f: Finding): Platform => (f.ruleId ? 'pdd' : chatlint.PLATFORMS[0]);
void platformOf;`);

test('Vite + TypeScript (the vanilla-ts template): tsc && vite build, zero config', () => bundlerCase({
  name: 'vite-ts',
  zeroConfig: true,
  commands: ['npx tsc && npx vite build   (tsconfig.json of create-vite\'s vanilla-ts: moduleResolution "bundler", strict)', 'npx vite preview'],
  files: { 'index.html': pageHtml('<script type="module" src="/src/main.ts"></script>', 'vite + typescript'), 'src/main.ts': TS,
    'tsconfig.json': JSON.stringify(tsconfig, null, 2) },
  build: async (dir) => { await run(tool('tsc'), [], { cwd: dir }); await run(process.execPath, [vite8, 'build'], { cwd: dir }); },
  serve: (dir) => viteServer(dir, vite8, 'preview'),
}));

test('Vite (latest major): the dev server, zero config', () => bundlerCase({
  name: 'vite-dev',
  zeroConfig: true,
  commands: ['npx vite'],
  files: viteApp('vite dev server'),
  serve: (dir) => viteServer(dir, vite8, 'dev'),
}));

// Vite 6's dev server pre-bundles dependencies into node_modules/.vite/deps/, where
// new URL('./chatlint.wasm', import.meta.url) finds no file, and answers with index.html.
test('Vite 6 dev server without optimizeDeps.exclude: works, or the error says what to do', () => bundlerCase({
  name: 'vite6-dev-no-exclude',
  zeroConfig: null,
  commands: ['npx vite   (vite 6.4, no config: must work or fail clearly)'],
  files: viteApp('vite 6 dev server'),
  serve: (dir) => viteServer(dir, vite6, 'dev'),
  check: (page, name) => {
    if (page.state === 'flagged') return assertFindings(page, name);
    assertHelpfulError(page, name, /HTML/i);
  },
}));

test('Vite 6 dev server with optimizeDeps.exclude: [\'chatlint\']', () => bundlerCase({
  name: 'vite6-dev-exclude',
  zeroConfig: false,
  commands: ["vite.config.js: export default { optimizeDeps: { exclude: ['chatlint'] } }", 'npx vite   (vite 6.4)'],
  files: { ...viteApp('vite 6 dev server, optimizeDeps.exclude'), 'vite.config.mjs': "export default { optimizeDeps: { exclude: ['chatlint'] } };\n" },
  serve: (dir) => viteServer(dir, vite6, 'dev'),
}));

// webpack 5 takes ./src/index.js and writes ./dist/main.js without a config; the page
// is the hand-written dist/index.html of webpack's own getting-started guide.
const webpackApp = (script, app) => ({ 'src/index.js': script, 'dist/index.html': pageHtml('<script src="main.js"></script>', app) });

test('webpack 5: webpack --mode production, zero config', () => bundlerCase({
  name: 'webpack',
  zeroConfig: true,
  commands: ['npx webpack --mode production'],
  files: webpackApp(ESM, 'webpack'),
  build: (dir) => run(tool('webpack'), ['--mode', 'production'], { cwd: dir }),
}));

test("webpack 5: require('chatlint') in a browser bundle, zero config", () => bundlerCase({
  name: 'webpack-require',
  zeroConfig: true,
  commands: ['npx webpack --mode production   (src/index.js: require(\'chatlint\'))'],
  files: webpackApp(CJS, "webpack, require('chatlint')"),
  build: (dir) => run(tool('webpack'), ['--mode', 'production'], { cwd: dir }),
}));

// esbuild and Rollup emit no asset for new URL('./chatlint.wasm', import.meta.url); they set
// none of the conditions webpack and Vite do (`webpack`, `development`, `production`), so
// the package's exports give them the build with the .wasm inside: nothing to copy.
const esbuildApp = (script, tag, app) => ({ 'src/main.js': script, 'dist/index.html': pageHtml(tag, app) });
const esbuild = (dir, args) => run(tool('esbuild'), ['src/main.js', '--bundle', ...args, '--outdir=dist'], { cwd: dir });

// The page ran the engine from inside its bundle: it fetched no .wasm.
function assertInline(page, name) {
  assertFindings(page, name);
  assert.deepEqual(page.fetched.filter((f) => /\.wasm$/.test(f)), [], `${name}: fetched a .wasm: ${page.fetched.join(', ')}`);
}

test('esbuild: --bundle --format=esm, zero config', () => bundlerCase({
  name: 'esbuild-esm',
  zeroConfig: true,
  commands: ['npx esbuild src/main.js --bundle --format=esm --minify --outdir=dist'],
  files: esbuildApp(ESM, '<script type="module" src="main.js"></script>', 'esbuild --format=esm'),
  build: (dir) => esbuild(dir, ['--format=esm', '--minify']),
  check: assertInline,
}));

test('esbuild: IIFE (esbuild\'s default format), zero config', () => bundlerCase({
  name: 'esbuild-iife',
  zeroConfig: true,
  commands: ['npx esbuild src/main.js --bundle --minify --outdir=dist'],
  files: esbuildApp(ESM, '<script src="main.js"></script>', 'esbuild (IIFE)'),
  build: (dir) => esbuild(dir, ['--minify']),
  check: assertInline,
}));

test("esbuild: require('chatlint') in a browser bundle, zero config", () => bundlerCase({
  name: 'esbuild-require',
  zeroConfig: true,
  commands: ['npx esbuild src/main.js --bundle --minify --outdir=dist   (src/main.js: require(\'chatlint\'))'],
  files: esbuildApp(CJS, '<script src="main.js"></script>', "esbuild, require('chatlint')"),
  build: (dir) => esbuild(dir, ['--minify']),
  check: assertInline,
}));

// An esbuild app whose page says where the .wasm is: createChecker({ wasm: '/static/chatlint.wasm' }).
const wasmOptionApp = (app) => esbuildApp(pageScript("import { createChecker } from 'chatlint';", "{ platform: 'pdd', wasm: '/static/chatlint.wasm' }"),
  '<script type="module" src="main.js"></script>', app);

// The .wasm as a file of its own anywhere else (another folder, a CDN): `--conditions=production`
// picks the build without it inside (as Vite's), and the `wasm` option says where it is.
test('esbuild with the .wasm as its own file in another folder: --conditions=production and createChecker({ wasm })', () => bundlerCase({
  name: 'esbuild-wasm-option',
  zeroConfig: false,
  commands: ['npx esbuild src/main.js --bundle --format=esm --minify --conditions=production --outdir=dist',
    'cp node_modules/chatlint/dist/chatlint.wasm dist/static/', "src/main.js: createChecker({ platform: 'pdd', wasm: '/static/chatlint.wasm' })"],
  files: wasmOptionApp("esbuild, wasm: '/static/chatlint.wasm'"),
  build: async (dir) => {
    await esbuild(dir, ['--format=esm', '--minify', '--conditions=production']);
    mkdirSync(join(dir, 'dist', 'static'));
    copyWasm(dir, 'dist/static');
  },
  check: (page, name) => {
    assertFindings(page, name);
    assert.ok(page.fetched.includes('/static/chatlint.wasm'), `${name}: the given .wasm was not the one used: ${page.fetched.join(', ')}`);
  },
}));

test('the wasm option naming a file that is not there: the 404 error names chatlint.wasm and the README section', () => bundlerCase({
  name: 'esbuild-wasm-missing',
  zeroConfig: null,
  commands: ["npx esbuild src/main.js --bundle --format=esm --conditions=production --outdir=dist   (src/main.js: wasm: '/static/chatlint.wasm', not copied: must fail clearly)"],
  files: wasmOptionApp('esbuild, the given .wasm missing'),
  build: (dir) => esbuild(dir, ['--format=esm', '--conditions=production']),
  check: (page, name) => assertHelpfulError(page, name, /404/),
}));

test('Rollup + @rollup/plugin-node-resolve, zero config', () => bundlerCase({
  name: 'rollup',
  zeroConfig: true,
  commands: ['npx rollup src/main.js -p node-resolve -f es -d dist'],
  files: esbuildApp(ESM, '<script type="module" src="main.js"></script>', 'Rollup'),
  build: (dir) => run(tool('rollup'), ['src/main.js', '-p', 'node-resolve', '-f', 'es', '-d', 'dist'], { cwd: dir }),
  check: assertInline,
}));

// No bundler: the package's dist/ copied as it is into a folder (as a CDN serves it).
test('a plain <script type="module"> page importing ./chatlint/chatlint.mjs (no bundler)', () => bundlerCase({
  name: 'plain-module',
  zeroConfig: true,
  commands: ['cp -r node_modules/chatlint/dist public/chatlint', "public/index.html: <script type=\"module\"> import { createChecker } from './chatlint/chatlint.mjs'"],
  files: { 'public/index.html': pageHtml(`<script type="module">\n${pageScript("import { createChecker } from './chatlint/chatlint.mjs';")}</script>`, 'plain module page') },
  out: 'public',
  build: async (dir) => { mkdirSync(join(dir, 'public', 'chatlint'), { recursive: true }); copyDir(join(dir, 'node_modules', 'chatlint', 'dist'), join(dir, 'public', 'chatlint')); },
}));

