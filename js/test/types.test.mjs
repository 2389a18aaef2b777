// The types agree with the builds, for every way in: @arethetypeswrong/cli (attw) on the
// `npm pack` tarball (no problem in any resolution mode), and TypeScript compiling small
// consumers of the installed tarball — ES modules (moduleResolution node16 and bundler),
// CommonJS, a classic script using chatlint/iife — whose output then runs, so the types
// and what each build really exports are checked against each other.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const attw = join(pkgDir, 'node_modules/@arethetypeswrong/cli/dist/index.js');
const tsc = join(pkgDir, 'node_modules/typescript/bin/tsc');
let work, tarball, app;

before(() => {
  work = mkdtempSync(join(tmpdir(), 'chatlint-types-'));
  const [info] = JSON.parse(execFileSync('npm', ['pack', '--pack-destination', work, '--json'], { cwd: pkgDir, encoding: 'utf8' }));
  tarball = join(work, info.filename);
  app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], { cwd: app, stdio: 'pipe' });
});
after(() => rmSync(work, { recursive: true, force: true }));

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

test('attw: no problem in node10, node16 (CJS and ESM) and bundler resolution', { timeout: 120000 }, () => {
  // chatlint/chatlint.wasm is an asset (require.resolve it, or hand its URL to a bundler), not a module.
  const r = run(process.execPath, [attw, tarball, '--format', 'ascii', '--no-color', '--exclude-entrypoints', 'chatlint.wasm'], work);
  assert.equal(r.status, 0, r.output);
  assert.match(r.output, /No problems found/, r.output);
});

// A project in app/<name>/ with its tsconfig and files; tsc's errors fail the test.
function project(name, { type, compilerOptions, files }) {
  const dir = join(app, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, type }));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, target: 'es2022', lib: ['es2022', 'dom'], types: [], outDir: 'out', ...compilerOptions },
    files: Object.keys(files),
  }));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  const r = run(process.execPath, [tsc, '-p', dir], dir);
  assert.equal(r.status, 0, `tsc in ${name}:\n${r.output}`);
  return dir;
}

const esmConsumer = `
import chatlint, { createChecker, PLATFORMS, CATEGORIES, SEVERITIES, MAX_TEXT_LENGTH, Checker,
  type Finding, type Platform, type CheckerOptions, type Rule } from 'chatlint';
const platform: Platform = PLATFORMS[0];
const options: CheckerOptions = { platform, customWords: ['某宝', { words: ['小红书'], severity: 'warn', homophones: true }], allowWords: ['最近'] };
const checker: Checker = await createChecker(options);
const findings: Finding[] = checker.check('加我微信').findings;
const rules: Rule[] = checker.rules();
// @ts-expect-error: not a platform
createChecker({ platform: 'weibo' }).catch(() => {});
const viaDefault = await chatlint.createChecker({ platform: 'jd' });
console.log(JSON.stringify({ matches: findings.map((f) => f.match), rules: rules.length > 0, fixed: checker.fix('宝贝').text,
  same: chatlint.createChecker === createChecker, jd: viaDefault.platform, n: [CATEGORIES.length, SEVERITIES.length, MAX_TEXT_LENGTH] }));
checker.dispose();
viaDefault.dispose();
`;
const expected = { matches: ['加我', '微信'], rules: true, fixed: '商品', same: true, jd: 'jd', n: [8, 3, 16777216] };

test('TypeScript: an ES module (module node16) compiles and runs, default export included', { timeout: 120000 }, () => {
  const dir = project('esm-node16', { type: 'module', compilerOptions: { module: 'node16', moduleResolution: 'node16' }, files: { 'main.ts': esmConsumer } });
  assert.deepEqual(JSON.parse(execFileSync('node', ['out/main.js'], { cwd: dir, encoding: 'utf8' })), expected);
});

test('TypeScript: an ES module for a bundler (moduleResolution bundler) compiles', { timeout: 120000 }, () => {
  project('esm-bundler', { type: 'module', compilerOptions: { module: 'esnext', moduleResolution: 'bundler', noEmit: true }, files: { 'main.ts': esmConsumer } });
});

// CommonJS: require('chatlint') is a plain object of the named exports (no `default`, no
// __esModule), so with esModuleInterop a default import is that whole object; without
// it, TypeScript refuses the default import, which would be undefined.
const cjsConsumer = (esModuleInterop) => `
import { createChecker, type Finding, type Platform } from 'chatlint';
import chatlint = require('chatlint');
import * as namespace from 'chatlint';
${esModuleInterop ? '' : '// @ts-expect-error: no default export without esModuleInterop\n'}import whole from 'chatlint';
declare const require: (id: string) => unknown;
const platform: Platform = 'taobao';
async function main() {
  const checker = await createChecker({ platform });
  const findings: Finding[] = checker.check('这个宝贝支持支付宝').findings;
  const required = require('chatlint') as object;
  console.log(JSON.stringify({ ok: findings.length === 0, same: chatlint.createChecker === createChecker && namespace.PLATFORMS === chatlint.PLATFORMS,
    defaultImport: ${esModuleInterop ? 'whole.createChecker === createChecker' : 'whole === undefined'}, hasDefault: 'default' in required }));
  checker.dispose();
}
main();
`;

for (const esModuleInterop of [true, false]) {
  test(`TypeScript: CommonJS (esModuleInterop ${esModuleInterop}) compiles and runs as its types say`, { timeout: 120000 }, () => {
    const dir = project(`cjs-${esModuleInterop}`, {
      type: 'commonjs',
      compilerOptions: { module: 'node16', moduleResolution: 'node16', esModuleInterop },
      files: { 'main.ts': cjsConsumer(esModuleInterop) },
    });
    assert.deepEqual(JSON.parse(execFileSync('node', ['out/main.js'], { cwd: dir, encoding: 'utf8' })),
      { ok: true, same: true, defaultImport: true, hasDefault: false });
  });
}

test('TypeScript: a classic script using the global chatlint of chatlint/iife compiles', { timeout: 120000 }, () => {
  project('iife', {
    type: 'commonjs',
    compilerOptions: { module: 'node16', moduleResolution: 'node16', noEmit: true },
    files: {
      'page.ts': `/// <reference types="chatlint/iife" />
async function onSend(text: string): Promise<boolean> {
  const checker: chatlint.Checker = await chatlint.createChecker({ platform: 'pdd', wasm: '/static/chatlint.wasm' });
  const findings: chatlint.Finding[] = checker.check(text).findings;
  const platforms: readonly chatlint.Platform[] = chatlint.PLATFORMS;
  // @ts-expect-error: the global has no default export
  void chatlint.default;
  return findings.length === 0 && platforms.length > 0;
}
void onSend;
`,
    },
  });
});
