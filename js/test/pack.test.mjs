// `npm pack` of js/, installed into an empty project and used by package name: a
// file missing from the package fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));

test('npm pack, install the tarball, import and require it by name', { timeout: 120000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'chatlint-pack-'));
  try {
    const out = execFileSync('npm', ['pack', '--pack-destination', work, '--json'], { cwd: pkgDir, encoding: 'utf8' });
    const [info] = JSON.parse(out);
    const files = info.files.map((f) => f.path).sort();
    assert.deepEqual(files, ['README.md', 'dist/chatlint.cjs', 'dist/chatlint.iife.js', 'dist/chatlint.inline.cjs',
      'dist/chatlint.inline.mjs', 'dist/chatlint.mjs', 'dist/chatlint.node.mjs', 'dist/chatlint.wasm', 'dist/iife.d.ts', 'dist/index.d.cts',
      'dist/index.d.mts', 'package.json']);
    const app = join(work, 'app');
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', join(work, info.filename)], { cwd: app, stdio: 'pipe' });
    assert.ok(readdirSync(join(app, 'node_modules', 'chatlint', 'dist')).includes('chatlint.wasm'));
    writeFileSync(join(app, 'esm.mjs'), `
      import { createChecker } from 'chatlint';
      const c = await createChecker({ platform: 'pdd' });
      const r = c.check('加我微信');
      console.log(JSON.stringify({ ok: r.ok, match: r.findings.map((f) => f.match) }));
      c.dispose();`);
    writeFileSync(join(app, 'cjs.cjs'), `
      const { createChecker } = require('chatlint');
      createChecker({ platform: 'taobao' }).then((c) => {
        console.log(JSON.stringify({ ok: c.check('这个宝贝支持支付宝').ok }));
        c.dispose();
      });`);
    writeFileSync(join(app, 'wasm-path.cjs'), `console.log(require.resolve('chatlint/chatlint.wasm'))`);
    // A worker thread imports the package by name too (Node's builds in a worker: the .wasm from disk).
    writeFileSync(join(app, 'worker.mjs'), `
      import { createChecker } from 'chatlint';
      import { parentPort } from 'node:worker_threads';
      const c = await createChecker({ platform: 'jd' });
      parentPort.postMessage(c.check('加我微信').findings.map((f) => f.match));`);
    writeFileSync(join(app, 'thread.mjs'), `
      import { Worker } from 'node:worker_threads';
      const worker = new Worker(new URL('./worker.mjs', import.meta.url));
      worker.on('message', (m) => { console.log(JSON.stringify(m)); worker.terminate(); });
      worker.on('error', (e) => { console.error(e); process.exit(1); });`);
    const esm = JSON.parse(execFileSync('node', ['esm.mjs'], { cwd: app, encoding: 'utf8' }));
    assert.deepEqual(esm, { ok: false, match: ['加我', '微信'] });
    const cjs = JSON.parse(execFileSync('node', ['cjs.cjs'], { cwd: app, encoding: 'utf8' }));
    assert.deepEqual(cjs, { ok: true });
    assert.match(execFileSync('node', ['wasm-path.cjs'], { cwd: app, encoding: 'utf8' }), /chatlint\.wasm/);
    // Node picks its own builds (the ones that read the .wasm from disk).
    writeFileSync(join(app, 'which.mjs'), `
      import { createRequire } from 'node:module';
      console.log(JSON.stringify([import.meta.resolve('chatlint'), createRequire(import.meta.url).resolve('chatlint')]));`);
    const [esmFile, cjsFile] = JSON.parse(execFileSync('node', ['which.mjs'], { cwd: app, encoding: 'utf8' }));
    assert.match(esmFile, /dist\/chatlint\.node\.mjs$/);
    assert.match(cjsFile, /dist\/chatlint\.cjs$/);
    assert.deepEqual(JSON.parse(execFileSync('node', ['thread.mjs'], { cwd: app, encoding: 'utf8' })), ['加我', '微信']);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
