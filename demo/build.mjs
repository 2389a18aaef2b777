// Builds the demo page into dist/demo/: the page's files, the npm package's ESM build and
// wasm (js/dist/), and examples.json — each rule's flag/clean examples, taken from the rule
// packs through `build/chatlint rules` (the web rule pack is compiled without them).
// Run by scripts/build.sh after the WebAssembly build; by hand:
//   node demo/build.mjs [--out DIR] [--cli PATH]   (--cli: the command line to ask, default build/chatlint)
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const outArg = process.argv.indexOf('--out');
const out = outArg > 0 ? process.argv[outArg + 1] : join(repo, 'dist/demo');
const PAGE = /\.(html|css|mjs)$/;
const SKIP = new Set(['build.mjs']);

for (const f of ['chatlint.mjs', 'chatlint.wasm']) {
  if (!existsSync(join(repo, 'js/dist', f))) { console.error(`build-demo: js/dist/${f} is missing: run scripts/build-wasm.sh`); process.exit(1); }
}
const cliArg = process.argv.indexOf('--cli');
const cli = cliArg > 0 ? process.argv[cliArg + 1] : join(repo, 'build/chatlint');
if (!existsSync(cli)) { console.error(`build-demo: ${cli} is missing: build the command line first`); process.exit(1); }
// Every platform the package knows (the engine's list).
const { PLATFORMS } = await import(pathToFileURL(join(repo, 'js/dist/chatlint.mjs')).href);

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const f of readdirSync(join(repo, 'demo'))) if (PAGE.test(f) && !SKIP.has(f)) copyFileSync(join(repo, 'demo', f), join(out, f));
for (const f of ['chatlint.mjs', 'chatlint.wasm']) copyFileSync(join(repo, 'js/dist', f), join(out, f));
// The pieces the page shares with the extension's panel (names, el(), marked runs).
copyFileSync(join(repo, 'js/ui/findings-view.js'), join(out, 'findings-view.js'));

const examples = {};
for (const platform of PLATFORMS) {
  const lines = execFileSync(cli, ['rules', '--platform', platform, '--format', 'json'], { encoding: 'utf8' }).split('\n');
  for (const line of lines) {
    if (!line.trim()) continue;
    const r = JSON.parse(line);
    if (!examples[r.id]) examples[r.id] = { flag: (r.flag || []).slice(0, 4), clean: (r.clean || []).slice(0, 4) };
  }
}
writeFileSync(join(out, 'examples.json'), JSON.stringify(examples));
console.log(`build-demo: ${out} (${Object.keys(examples).length} rules with examples)`);
