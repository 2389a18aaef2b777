// chatlint's JavaScript benchmark: check() side by side with its peers, in one run.
//   node tests/bench/bench.mjs        (after scripts/build.sh; bash scripts/bench.sh installs the peers)
//
// Replies: the labelled corpus (tests/data/corpus.tsv), written from the seeds'
// scenarios; reported for the clean replies (the typical case: most replies an
// agent sends are fine), the flagged ones, and all.
// Peers, each given the same literal words (every word of every rule chatlint has
// in force on pdd), each finding every match:
//   RegExp      one V8 RegExp alternation of the words, matchAll
//   mint-filter Aho-Corasick in TypeScript (npm), filter(text, { replace: false })
//   ahocorasick Aho-Corasick in JavaScript (npm), search(text)
//   re2-wasm    Google's RE2 compiled to WebAssembly (npm), the same alternation, exec loop
// chatlint does more than any of them: normalization (width, case, traditional,
// digits, separators), homophones and pinyin, 180 regex rules, allowed contexts,
// overlap resolution, offsets into the original text and finding objects.
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createChecker, heapSize } from '../../js/dist/chatlint.mjs';

const require = createRequire(import.meta.url);
const here = (p) => fileURLToPath(new URL(p, import.meta.url));

const rows = readFileSync(here('../data/corpus.tsv'), 'utf8').split('\n')
  .filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t'));
const sets = {
  clean: rows.filter((r) => r[1] === 'clean').map((r) => r[2]),
  flagged: rows.filter((r) => r[1] !== 'clean').map((r) => r[2]),
};
sets.all = [...sets.clean, ...sets.flagged];

const checker = await createChecker({ platform: 'pdd' });
const words = [...new Set(checker.rules().flatMap((r) => r.words))].sort((a, b) => b.length - a.length);
const alternation = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');

const peers = [];
peers.push(['chatlint check()', (t) => checker.check(t).findings.length]);
const re = new RegExp(alternation, 'gi');
peers.push(['RegExp alternation', (t) => { let n = 0; for (const _ of t.matchAll(re)) n++; return n; }]);
try {
  const { Mint } = require('mint-filter');
  const mint = new Mint(words);
  peers.push(['mint-filter', (t) => mint.filter(t, { replace: false }).words.length]);
} catch (e) { console.log(`mint-filter: not installed (${e.message.split('\n')[0]}); run bash scripts/bench.sh`); }
try {
  const AhoCorasick = require('ahocorasick');
  const ac = new AhoCorasick(words);
  peers.push(['ahocorasick', (t) => ac.search(t).length]);
} catch (e) { console.log(`ahocorasick: not installed (${e.message.split('\n')[0]})`); }
let re2Wasm = null;
try {
  const { RE2 } = require('re2-wasm');
  const r2 = new RE2(alternation, 'giu');
  peers.push(['re2-wasm', (t) => { r2.lastIndex = 0; let n = 0; while (r2.exec(t)) n++; return n; }]);
  re2Wasm = require.resolve('re2-wasm').replace(/build\/src\/.*$/, 'build/wasm/re2.wasm');
} catch (e) { console.log(`re2-wasm: not installed (${e.message.split('\n')[0]})`); }

// Warm every tool up on every message first (JIT tiers, chatlint's lazily compiled
// regexes and caches), so the sets below compare steady states.
for (const [, fn] of peers) for (let w = 0; w < 40; w++) for (const m of sets.all) fn(m);

// Per-message latency: each message timed over `reps` calls, so timer overhead stays
// small; the best of three rounds (the machine is shared, noise only adds time).
function measure(fn, messages) {
  const rounds = [0, 1, 2].map(() => measureOnce(fn, messages));
  return rounds.sort((a, b) => a.median - b.median)[0];
}

function measureOnce(fn, messages, reps = 20) {
  const per = [];
  let total = 0n;
  for (const m of messages) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < reps; i++) fn(m);
    const dt = process.hrtime.bigint() - t0;
    total += dt;
    per.push(Number(dt) / reps / 1000);
  }
  per.sort((a, b) => a - b);
  const q = (p) => per[Math.min(per.length - 1, Math.floor(p * per.length))];
  const bytes = messages.reduce((s, m) => s + Buffer.byteLength(m), 0) * reps;
  return { median: q(0.5), p99: q(0.99), mbps: bytes / (Number(total) / 1e9) / 1e6, mps: messages.length * reps / (Number(total) / 1e9) };
}

console.log(`chatlint benchmark, Node ${process.version}; ${words.length} literal words for the peers; ` +
  `${sets.clean.length} clean + ${sets.flagged.length} flagged replies (avg ${(sets.all.join('').length / sets.all.length).toFixed(1)} chars)\n`);
for (const [name, messages] of Object.entries(sets)) {
  console.log(`${name} replies (${messages.length})`);
  console.log(`  ${'tool'.padEnd(20)} ${'median µs'.padStart(10)} ${'p99 µs'.padStart(9)} ${'msgs/s'.padStart(10)} ${'MB/s'.padStart(7)}  peer/chatlint (median)`);
  let base = null;
  for (const [peer, fn] of peers) {
    const r = measure(fn, messages);
    if (base === null) base = r.median;
    console.log(`  ${peer.padEnd(20)} ${r.median.toFixed(3).padStart(10)} ${r.p99.toFixed(3).padStart(9)} ${Math.round(r.mps).toString().padStart(10)} ${r.mbps.toFixed(1).padStart(7)}  ${(r.median / base).toFixed(2)}x`);
  }
  console.log('');
}

// Time to ready, in fresh processes (nothing cached): import + createChecker + first check().
const ready = [];
for (let i = 0; i < 5; i++) {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', `
    const t0 = performance.now();
    const { createChecker } = await import(${JSON.stringify(here('../../js/dist/chatlint.mjs'))});
    const t1 = performance.now();
    const c = await createChecker({ platform: 'pdd' });
    const t2 = performance.now();
    c.check('亲,加我微信');
    const t3 = performance.now();
    const c2 = await createChecker({ platform: 'jd' });
    const t4 = performance.now();
    console.log(JSON.stringify([t1 - t0, t2 - t1, t3 - t2, t4 - t3]));`], { encoding: 'utf8' });
  ready.push(JSON.parse(out));
}
const med = (k) => ready.map((r) => r[k]).sort((a, b) => a - b)[2];
console.log(`ready (median of 5 fresh processes): import ${med(0).toFixed(1)} ms; createChecker ${med(1).toFixed(1)} ms ` +
  `(read + compile + instantiate the .wasm, build the pdd checker); first check() ${med(2).toFixed(1)} ms; ` +
  `a second createChecker ${med(3).toFixed(1)} ms`);
console.log(`wasm heap: ${(await heapSize() / 1048576).toFixed(1)} MB (after this run)`);

const dist = here('../../js/dist/');
const gz = (f) => gzipSync(readFileSync(dist + f), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const wasmGz = gz('chatlint.wasm');
console.log(`download (gzip -9): chatlint.wasm ${kb(wasmGz)} (raw ${kb(statSync(dist + 'chatlint.wasm').size)}) + ` +
  `chatlint.mjs ${kb(gz('chatlint.mjs'))} = ${kb(wasmGz + gz('chatlint.mjs'))}; with the IIFE build ${kb(wasmGz + gz('chatlint.iife.js'))}`);
if (re2Wasm) {
  console.log(`for scale: re2-wasm's re2.wasm alone is ${kb(statSync(re2Wasm).size)} raw, ${kb(gzipSync(readFileSync(re2Wasm), { level: 9 }).length)} gzipped`);
}
checker.dispose();
