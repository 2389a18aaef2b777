// The npm package's memory benchmark: does the WebAssembly heap stay flat over many calls?
//   node tests/bench/memory.mjs [--calls N] [--every N] [--platform pdd] [--dist DIR]
// (after scripts/build.sh; the native twin is tests/bench/memory_native.cc)
//
// One checker makes N (1,000,000) check() calls, then N fix() calls, on varied text:
// the corpus replies (tests/data/corpus.tsv) in rotation, with odd generated strings
// mixed in (emoji, lone surrogates, phone lists, separators and emoji inside words,
// combining marks, control characters and NUL, pinyin, full-width and traditional
// text, runs of fixable words, long pastes of 2 KB and 32 K units). Every --every
// (100,000) calls it prints the engine's WebAssembly heap (heapSize(): the memory all
// checkers of the .wasm share; it grows in 64 KiB pages once its free space is used
// and never shrinks), the process's resident memory and the JS heap in use.
// The verdict compares the first interval with the last: once the checker's buffers
// have reached the size of the longest message (all of them are seen in the first
// interval), the heap must not grow. It starts at 4 MB with little free, so a leak of
// more than a few bytes per call would show.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const opt = (name, def) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : def; };
const calls = Number(opt('--calls', '1000000'));
const every = Number(opt('--every', '100000')) || calls;
const platform = opt('--platform', 'pdd');
const dist = resolve(opt('--dist', fileURLToPath(new URL('../../js/dist', import.meta.url))));
const { createChecker, heapSize } = await import(pathToFileURL(`${dist}/chatlint.mjs`).href);

const corpus = readFileSync(new URL('../data/corpus.tsv', import.meta.url), 'utf8').split('\n')
  .filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t')[2]).filter(Boolean);

// Deterministic odd strings (the same every run).
let seed = 42;
const below = (n) => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return (seed >>> 8) % n; };
const pick = (a) => a[below(a.length)];
function oddTexts() {
  const out = [];
  const syllables = ['wei', 'xin', 'an', 'zhuang', 'kou', 'qq', 'v', 'x', 'jia', 'wo', 'bao'];
  const seps = [' ', ',', '，', '、', '/', '\n', '和'];
  for (let k = 0; k < 40; k++) {
    let s = '';
    for (let i = 1 + below(30); i > 0; i--) s += String.fromCodePoint(0x1F600 + below(80), ...(below(4) ? [] : [0x1F3FB + below(5)]));
    out.push(s + (below(2) ? '👨‍👩‍👧‍👦🇨🇳1️⃣' : ''));  // emoji, skin tones, ZWJ, flags, keycaps
    s = '';
    for (let i = 1 + below(5); i > 0; i--) s += '13' + String(below(1e9)).padStart(9, '0') + pick(seps);
    out.push(s + '订单号' + below(1e9) + below(1e3));  // phone lists, an order number beside them
    s = '加';
    for (let i = below(20); i > 0; i--) s += below(2) ? ' ' : '\u200b';
    s += '我微';
    for (let i = below(20); i > 0; i--) s += below(2) ? '.' : '😀';
    out.push(s + '信');  // separators and emoji inside words
    s = '';
    for (let i = below(40); i > 0; i--) s += String.fromCharCode(0x300 + below(0x70));
    out.push(s + '\u0000\u0001\u007f\t\u0085\u009f' + pick(corpus));  // combining marks, controls, NUL
    s = '';
    for (let i = 1 + below(8); i > 0; i--) s += pick(syllables) + (below(3) ? '' : ' ');
    out.push(s);  // pinyin
    s = '';
    for (let i = 1 + below(50); i > 0; i--) s += below(2) ? '宝贝' : '一三八';
    out.push(s);  // runs of fixable words and Chinese digits
    s = '';
    for (let i = 1 + below(60); i > 0; i--) {
      const r = below(4);
      s += r === 0 ? '微' : r === 1 ? '信' : String.fromCharCode(0xD800 + below(0x800));
    }
    out.push(s);  // lone surrogates, high and low, and stray pairs
    out.push('加我ＶＸ：ＷＥＩ　ＸＩＮ，這個寶貝是全網最低價' + '①③⑧'.repeat(1 + below(3)));  // full-width, traditional, circled
  }
  let paste = '';
  for (let i = 0; paste.length < 2048; i++) paste += corpus[(i * 7) % corpus.length] + ' ';
  out.push(paste);  // a 2 KB paste of replies
  let long = '';
  for (let i = 0; long.length < 32768; i++) long += corpus[(i * 11) % corpus.length] + (i % 5 ? ' ' : '😀\n');
  out.push(long.slice(0, 32768));  // a 32 K-unit paste
  return out;
}

const odd = oddTexts();
// Interleave: an odd string after every 3 replies, until the odd ones are used up.
const mixed = [];
for (let i = 0, k = 0; i < corpus.length || k < odd.length; i++) {
  if (i < corpus.length) mixed.push(corpus[i]);
  if (i % 3 === 2 && k < odd.length) mixed.push(odd[k++]);
}
// The fix() phase walks them with stride 7: the count must not be a multiple of 7.
if (mixed.length % 7 === 0) mixed.push(odd[0]);
if (mixed.length > every) console.error(`warning: --every ${every} is less than the ${mixed.length} messages`);

const KB = 1024, MB = 1024 * 1024;
const t0 = performance.now();
async function measure(n) {
  const mem = process.memoryUsage();
  return { calls: n, heap: await heapSize(), rss: mem.rss, js: mem.heapUsed, seconds: (performance.now() - t0) / 1000 };
}
function print(phase, s) {
  console.log(`${phase.padEnd(6)} ${String(s.calls).padStart(9)} calls   wasm heap ${(s.heap / KB).toFixed(1).padStart(9)} KB   ` +
    `RSS ${(s.rss / MB).toFixed(1).padStart(7)} MB   JS heap ${(s.js / MB).toFixed(1).padStart(6)} MB   ${s.seconds.toFixed(1).padStart(6)} s`);
}

const checker = await createChecker({ platform });
console.log(`chatlint npm memory benchmark: platform ${platform}, ${mixed.length} distinct messages ` +
  `(${corpus.length} corpus replies, ${odd.length} odd; longest ${Math.max(...mixed.map((m) => m.length))} UTF-16 units), ` +
  `${calls} check() then ${calls} fix() calls, Node ${process.versions.node}\n`);
print('start', await measure(0));

let sink = 0;
const checkSamples = [], fixSamples = [];
for (let i = 1; i <= calls; i++) {
  sink += checker.check(mixed[i % mixed.length]).findings.length;
  if (i % every === 0) { checkSamples.push(await measure(i)); print('check', checkSamples.at(-1)); }
}
for (let i = 1; i <= calls; i++) {
  // Another order than the check() phase (a stride coprime with the count: every message).
  const r = checker.fix(mixed[(i * 7 + 3) % mixed.length]);
  sink += r.applied.length + r.text.length;
  if (i % every === 0) { fixSamples.push(await measure(i)); print('fix', fixSamples.at(-1)); }
}
checker.dispose();

if (checkSamples.length && fixSamples.length) {
  const grow = (a, b, k) => (b[k] - a[k]) / KB;
  const [c0, c1, f0, f1] = [checkSamples[0], checkSamples.at(-1), fixSamples[0], fixSamples.at(-1)];
  const overall = grow(c0, f1, 'heap'), inCheck = grow(c0, c1, 'heap'), inFix = grow(f0, f1, 'heap');
  const signed = (x) => `${x >= 0 ? '+' : ''}${x.toFixed(1)}`;
  // Flat: no growth within either phase after its first interval (fix() has buffers of its
  // own, which reach their size in its first interval).
  const flat = inCheck === 0 && inFix === 0;
  console.log(`\nverdict: wasm heap ${signed(inCheck)} KB from ${c0.calls} to ${c1.calls} check() calls, ` +
    `${signed(inFix)} KB from ${f0.calls} to ${f1.calls} fix() calls (${(c0.heap / KB).toFixed(0)} KB after the first ` +
    `interval, ${(f1.heap / KB).toFixed(0)} KB after all ${2 * calls} calls: ${signed(overall)} KB); ` +
    `RSS ${signed(grow(c0, f1, 'rss') / KB)} MB: ${flat ? 'FLAT' : 'GROWING'} (checksum ${sink % 1000})`);
  if (!flat) process.exitCode = 1;
}
