// chatlint's JavaScript benchmark: check() side by side with its peers, in one run.
//   node tests/bench/bench.mjs [--rounds N] [--calls N]
//   (after scripts/build.sh; bash scripts/bench.sh installs the peers)
//
// Corpora (each on one platform; the peers get that platform's words):
//   seed sentences  /work/shared/seeds/*.txt cut at clause punctuation (，。！？；：、 , ! ? ;
//                   and line ends; not '.' or ':', which occur in numbers, times and links),
//                   trimmed, 8–60 characters (code points), deduplicated; on pdd
//   JD replies      /work/shared/data/real_replies/replies_jddc2018_*.txt ('#' lines skipped); on jd
//   Taobao replies  /work/shared/data/real_replies/replies_ecd_taobao_candidates.joined.txt; on taobao
//   labelled corpus tests/data/corpus*.tsv (every row, whatever its platform column), on pdd,
//                   for reference: written for the rules, it is denser in findings than real text
// The seeds and real replies are read here, at benchmark time only (they are not the
// project's); a missing folder is said and its corpus skipped. CHATLINT_SEEDS and
// CHATLINT_REAL_REPLIES point elsewhere.
//
// Peers, each given the same literal words (every word of every rule chatlint has in force
// on the corpus's platform, as checker.rules() lists them) and each folding case, since
// chatlint does (it lower-cases after normalizing):
//   RegExp gi       one V8 RegExp alternation of the words, flags gi, exec loop
//   mint-filter     Aho-Corasick in TypeScript (npm), filter(text, { replace: false });
//                   it lower-cases every character itself (and its words when built)
//   ahocorasick     Aho-Corasick in JavaScript (npm), search(text.toLowerCase()) over
//                   the lower-cased words (it has no case folding of its own)
//   re2-wasm        Google's RE2 compiled to WebAssembly (npm), the same alternation,
//                   flags giu (re2-wasm requires u), exec loop
// and, for reference only (not the same work: it does not fold case):
//   RegExp g        the same alternation without i: what a user who forgets case gets
// Every tool returns its number of matches, summed into a sink, so no work is optimized away.
//
// Two measures, kept apart:
//   throughput  every message of the corpus in one timed loop (repeated `reps` times so a
//               run lasts >= ~40 ms), one run per tool per round, the tools' order rotated
//               each round; the median of the rounds, as µs per message and MB/s (UTF-8
//               bytes of the messages, Buffer.byteLength). ratio = peer time / chatlint
//               time: > 1 means chatlint is faster, < 1 means the peer is.
//   latency     single calls, performance.now() read before and after each one (the
//               timer's own cost is printed: it is inside every latency number), the tools
//               interleaved message by message; median and p99 over all calls.
// chatlint does more than any peer: normalization (width, case, traditional, digits,
// separators), homophones and pinyin, regex rules, number scanners, allowed contexts,
// overlap resolution, UTF-16 offsets into the original text and finding objects with
// messages, and the crossing from JavaScript into WebAssembly and back.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { createChecker, heapSize } from '../../js/dist/chatlint.mjs';

const require = createRequire(import.meta.url);
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(name); return i >= 0 ? Number(argv[i + 1]) : dflt; };
const ROUNDS = Math.max(7, opt('--rounds', 11));
const LATENCY_CALLS = opt('--calls', 20000);   // per tool per corpus (the corpus in rotation)
const RUN_MS = 40;

const SEEDS = process.env.CHATLINT_SEEDS || here('../../../shared/seeds');
const REAL = process.env.CHATLINT_REAL_REPLIES || here('../../../shared/data/real_replies');

// ---- corpora ------------------------------------------------------------------------------

// Clause punctuation and line ends; the same set as throughput.cc.
const CUT = /[，。！？；：、,!?;\n\r]/u;
const TRIM = /^[\s\u3000\u00a0\ufeff]+|[\s\u3000\u00a0\ufeff]+$/gu;
function seedSentences(dir) {
  const seen = new Set();
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    for (const piece of readFileSync(join(dir, f), 'utf8').split(CUT)) {
      const s = piece.replace(TRIM, '');
      const n = [...s].length;
      if (n >= 8 && n <= 60) seen.add(s);
    }
  }
  return [...seen];
}
const replyLines = (path) => readFileSync(path, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));

const corpora = [];
if (existsSync(SEEDS)) {
  corpora.push({ name: 'seed sentences', platform: 'pdd', messages: seedSentences(SEEDS) });
} else {
  console.log(`seed sentences: ${SEEDS} is not here; that corpus is skipped`);
}
if (existsSync(REAL)) {
  const jd = ['replies_jddc2018_chat.txt', 'replies_jddc2018_trainanswers.txt']
    .map((f) => join(REAL, f)).filter(existsSync);
  if (jd.length) corpora.push({ name: 'JD real replies', platform: 'jd', messages: jd.flatMap(replyLines) });
  const tb = join(REAL, 'replies_ecd_taobao_candidates.joined.txt');
  if (existsSync(tb)) corpora.push({ name: 'Taobao real replies', platform: 'taobao', messages: replyLines(tb) });
} else {
  console.log(`real replies: ${REAL} is not here; those corpora are skipped`);
}
const labelled = readdirSync(here('../data')).filter((f) => /^corpus.*\.tsv$/.test(f)).sort()
  .flatMap((f) => readFileSync(here(`../data/${f}`), 'utf8').split('\n'))
  .filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t')[2]).filter((t) => t);
corpora.push({ name: 'labelled corpus (reference)', platform: 'pdd', messages: labelled });

// ---- tools --------------------------------------------------------------------------------

let Mint = null, AhoCorasick = null, RE2 = null, re2Wasm = null;
try { ({ Mint } = require('mint-filter')); } catch (e) { console.log(`mint-filter: not installed (${e.message.split('\n')[0]}); run bash scripts/bench.sh`); }
try { AhoCorasick = require('ahocorasick'); } catch (e) { console.log(`ahocorasick: not installed (${e.message.split('\n')[0]})`); }
try {
  ({ RE2 } = require('re2-wasm'));
  re2Wasm = require.resolve('re2-wasm').replace(/build\/src\/.*$/, 'build/wasm/re2.wasm');
} catch (e) { console.log(`re2-wasm: not installed (${e.message.split('\n')[0]})`); }

const checkers = new Map();
async function toolsFor(platform) {
  if (!checkers.has(platform)) checkers.set(platform, await createChecker({ platform }));
  const checker = checkers.get(platform);
  const words = [...new Set(checker.rules().flatMap((r) => r.words))].sort((a, b) => b.length - a.length);
  const lower = [...new Set(words.map((w) => w.toLowerCase()))];
  const alternation = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const tools = [];
  tools.push({ name: 'chatlint check()', fn: (t) => checker.check(t).findings.length });
  const reGi = new RegExp(alternation, 'gi');
  tools.push({ name: 'RegExp gi', fn: (t) => { reGi.lastIndex = 0; let n = 0; while (reGi.exec(t) !== null) n++; return n; } });
  if (Mint) {
    const mint = new Mint(words);
    tools.push({ name: 'mint-filter', fn: (t) => mint.filter(t, { replace: false }).words.length });
  }
  if (AhoCorasick) {
    const ac = new AhoCorasick(lower);
    tools.push({ name: 'ahocorasick', fn: (t) => ac.search(t.toLowerCase()).length });
  }
  if (RE2) {
    const r2 = new RE2(alternation, 'giu');
    tools.push({ name: 're2-wasm', fn: (t) => { r2.lastIndex = 0; let n = 0; while (r2.exec(t)) n++; return n; } });
  }
  const reG = new RegExp(alternation, 'g');
  tools.push({ name: 'RegExp g (no case folding; reference)', fn: (t) => { reG.lastIndex = 0; let n = 0; while (reG.exec(t) !== null) n++; return n; }, reference: true });
  return { words, tools };
}

// ---- measures -----------------------------------------------------------------------------

let sink = 0;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const quantile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

function timedRun(fn, messages, reps) {
  let n = 0;
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < reps; r++) for (let i = 0; i < messages.length; i++) n += fn(messages[i]);
  const dt = Number(process.hrtime.bigint() - t0) / 1e9;
  sink += n;
  return dt;
}

function throughput(tools, messages) {
  // reps: enough for the slowest tool's one pass to last RUN_MS (measured after warm-up).
  let slowest = 0;   // each tool's fastest of three passes: load on the machine only adds time
  for (const t of tools) slowest = Math.max(slowest, Math.min(...[0, 1, 2].map(() => timedRun(t.fn, messages, 1))));
  const reps = Math.max(1, Math.ceil(RUN_MS / 1000 / slowest));
  const times = tools.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < tools.length; k++) {
      const i = (k + round) % tools.length;   // rotate who goes first
      times[i].push(timedRun(tools[i].fn, messages, reps));
    }
  }
  return { reps, med: times.map((ts) => median(ts)), spread: times.map((ts) => [Math.min(...ts), Math.max(...ts)]) };
}

function latency(tools, messages) {
  const per = tools.map(() => new Float64Array(LATENCY_CALLS));
  for (let c = 0; c < LATENCY_CALLS; c++) {
    const m = messages[c % messages.length];
    for (let k = 0; k < tools.length; k++) {
      const i = (k + c) % tools.length;
      const t0 = performance.now();
      sink += tools[i].fn(m);
      per[i][c] = (performance.now() - t0) * 1000;
    }
  }
  return per.map((a) => { const s = [...a].sort((x, y) => x - y); return { med: quantile(s, 0.5), p99: quantile(s, 0.99) }; });
}

// The cost of the latency measure itself: an empty call between two performance.now().
function timerCost() {
  const a = new Float64Array(200000);
  const noop = (t) => t.length & 0;
  for (let c = 0; c < a.length; c++) { const t0 = performance.now(); sink += noop('x'); a[c] = (performance.now() - t0) * 1000; }
  const s = [...a].sort((x, y) => x - y);
  return { med: quantile(s, 0.5), p99: quantile(s, 0.99) };
}

const f = (x, d = 2) => x.toFixed(d);
const pad = (s, n) => String(s).padStart(n);

console.log(`chatlint benchmark, Node ${process.version}, ${new Date().toISOString()}; ` +
  `throughput: median of ${ROUNDS} rounds, tools interleaved; latency: ${LATENCY_CALLS} single calls per tool per corpus`);
console.log('case folding: chatlint folds case itself; RegExp gi and re2-wasm giu fold by flag; mint-filter folds ' +
  'each character itself; ahocorasick gets text.toLowerCase() (inside the timed call) and lower-cased words. ' +
  '"RegExp g" does not fold case: a reference, not a peer.');
console.log(`engine: js/dist/chatlint.wasm built ${statSync(here('../../js/dist/chatlint.wasm')).mtime.toISOString()} ` +
  '(scripts/build-wasm.sh rebuilds it from the tree; the peers get the words of the rules in that build)');
const tc = timerCost();
console.log(`timer: performance.now() around an empty call costs ${f(tc.med, 3)} µs median, ${f(tc.p99, 3)} µs p99 (inside every latency below)\n`);

const summary = [];
for (const corpus of corpora) {
  const { name, platform, messages } = corpus;
  if (messages.length === 0) { console.log(`${name}: no messages; skipped\n`); continue; }
  const { words, tools } = await toolsFor(platform);
  const bytes = messages.reduce((s, m) => s + Buffer.byteLength(m), 0);
  const chars = messages.reduce((s, m) => s + [...m].length, 0);
  // Warm-up (JIT tiers, chatlint's lazily compiled regexes and caches), so both measures
  // see steady states.
  for (const t of tools) for (let w = 0; w < 20; w++) timedRun(t.fn, messages, 1);
  const counts = tools.map((t) => messages.reduce((s, m) => s + t.fn(m), 0));
  const flagged = messages.filter((m) => tools[0].fn(m) > 0).length;

  console.log(`${name} on ${platform}: ${messages.length} messages, avg ${f(chars / messages.length, 1)} characters ` +
    `(${f(bytes / messages.length, 1)} UTF-8 bytes); ${words.length} literal words for the peers; ` +
    `chatlint finds something in ${flagged} (${f(100 * flagged / messages.length, 1)}%)`);

  const tp = throughput(tools, messages);
  const n = messages.length * tp.reps;
  const base = tp.med[0];
  console.log(`  throughput (the corpus x${tp.reps} per timed run; median of ${ROUNDS} rounds; ratio = peer time / chatlint time, > 1: chatlint faster)`);
  console.log(`    ${'tool'.padEnd(38)} ${pad('µs/msg', 8)} ${pad('MB/s', 7)} ${pad('msgs/s', 9)} ${pad('ratio', 6)}  ${pad('min–max µs/msg', 15)}  matches`);
  tools.forEach((t, i) => {
    const us = tp.med[i] / n * 1e6;
    const [lo, hi] = tp.spread[i].map((s) => s / n * 1e6);
    console.log(`    ${t.name.padEnd(38)} ${pad(f(us, 3), 8)} ${pad(f(bytes * tp.reps / tp.med[i] / 1e6, 1), 7)} ` +
      `${pad(Math.round(n / tp.med[i]), 9)} ${pad(i === 0 ? '1' : f(tp.med[i] / base), 6)}  ${pad(`${f(lo, 3)}–${f(hi, 3)}`, 15)}  ${counts[i]}`);
  });

  summary.push({ name, platform, tools: tools.map((t, i) => ({ name: t.name, us: tp.med[i] / n * 1e6, ratio: tp.med[i] / base })) });

  const lat = latency(tools, messages);
  console.log(`  latency (single calls, performance.now() around each; ratio of medians = peer / chatlint)`);
  console.log(`    ${'tool'.padEnd(38)} ${pad('median µs', 10)} ${pad('p99 µs', 9)} ${pad('ratio', 6)}`);
  tools.forEach((t, i) => {
    console.log(`    ${t.name.padEnd(38)} ${pad(f(lat[i].med, 3), 10)} ${pad(f(lat[i].p99, 3), 9)} ${pad(i === 0 ? '1' : f(lat[i].med / lat[0].med), 6)}`);
  });
  console.log('');
}

// The per-call floor: check() of an empty and of a one-character text (the crossing into the
// engine and back, the result object), against which the per-message times above compare.
{
  const { tools } = await toolsFor('pdd');
  const floor = (t) => { const xs = Array(1000).fill(t); for (let w = 0; w < 50; w++) timedRun(tools[0].fn, xs, 1);
    return median([...Array(ROUNDS)].map(() => timedRun(tools[0].fn, xs, 100))) / 1e5 * 1e6; };
  console.log(`chatlint check() floor (pdd, median of ${ROUNDS} runs of 100,000 calls): '' ${f(floor(''), 3)} µs, '好' ${f(floor('好'), 3)} µs per call\n`);
}

if (summary.length) {
  console.log('summary, throughput: chatlint µs/msg; each peer: µs/msg (peer time / chatlint time, > 1: chatlint faster)');
  for (const c of summary) {
    const [me, ...rest] = c.tools;
    console.log(`  ${`${c.name} (${c.platform})`.padEnd(38)} chatlint ${f(me.us, 2)}; ` +
      rest.map((t) => `${t.name.replace(/ \(.*\)$/, '')} ${f(t.us, 2)} (${f(t.ratio)}x)`).join(', '));
  }
  console.log('');
}

// Time to ready, in fresh processes (nothing cached): import + createChecker + first check(),
// a checker of another platform, a second checker of the first platform (it shares the
// platform's compiled rules), and the first check() of a reply that triggers pattern rules.
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
    const c3 = await createChecker({ platform: 'pdd' });
    const t5 = performance.now();
    c2.check('亲，五星好评截图发给客服返现5元哦');
    const t6 = performance.now();
    console.log(JSON.stringify([t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5]));`], { encoding: 'utf8' });
  ready.push(JSON.parse(out));
}
const med = (k) => median(ready.map((r) => r[k]));
console.log(`ready (median of 5 fresh processes): import ${f(med(0), 1)} ms; createChecker ${f(med(1), 1)} ms ` +
  `(read + compile + instantiate the .wasm, build the pdd checker); first check() ${f(med(2), 1)} ms; ` +
  `a further createChecker (jd) ${f(med(3), 1)} ms; another of the same platform (pdd) ${f(med(4), 2)} ms; ` +
  `first check() of a cash-for-review reply on jd ${f(med(5), 1)} ms`);
console.log(`wasm heap: ${f(await heapSize() / 1048576, 1)} MB (after this run, ${checkers.size} checkers alive)`);

const dist = here('../../js/dist/');
const gz = (file) => gzipSync(readFileSync(dist + file), { level: 9 }).length;
const kb = (x) => `${f(x / 1024, 1)} KB`;
const wasmGz = gz('chatlint.wasm');
console.log(`download (gzip -9): chatlint.wasm ${kb(wasmGz)} (raw ${kb(statSync(dist + 'chatlint.wasm').size)}) + ` +
  `chatlint.mjs ${kb(gz('chatlint.mjs'))} = ${kb(wasmGz + gz('chatlint.mjs'))}; with the IIFE build ${kb(wasmGz + gz('chatlint.iife.js'))}`);
if (re2Wasm) {
  console.log(`for scale: re2-wasm's re2.wasm alone is ${kb(statSync(re2Wasm).size)} raw, ${kb(gzipSync(readFileSync(re2Wasm), { level: 9 }).length)} gzipped`);
}
for (const c of checkers.values()) c.dispose();
if (sink === -1) console.log('');   // keeps the sink alive
