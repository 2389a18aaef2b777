// The worst-case benchmark through the npm package: check() and fix() of hostile
// messages, µs per KB next to ordinary replies.
//   node tests/bench/worst_case.mjs [--platform pdd,generic] [--cap S] [--min-time S] [--family SUB] [--max-kb N]
//                                   [--check] [--dir DIR] [--dist DIR]
// (after scripts/build.sh and `cmake --build build --target chatlint-bench-worst`)
//
// The messages are the native benchmark's (tests/bench/worst_case.cc, Families()): this
// script runs `build/chatlint-bench-worst --dump DIR` and reads DIR/manifest.json, so
// both measure the same text and the families are written once. --dir DIR reads an
// existing dump instead.
//
// Same method and table as the native benchmark: per family and size, one call (the
// probe), then best of 3 rounds of as many calls as fill --min-time (0.1 s). Each family
// runs in a child Node process under a watchdog: a size is skipped when the previous
// size's time per call, scaled linearly, exceeds --cap (2 s), and a call still running
// after --cap is killed (with its process) and the larger sizes are skipped; both print
// "SKIPPED: ..." with the lower bound on µs/KB they imply. fix() runs check() first, so a
// skipped check() skips fix(). The ordinary replies are measured again before every
// family and the best of all is the baseline (a shared machine's load changes; noise
// only adds time). Sizes are UTF-8 bytes (a lone surrogate counts 3, as
// Buffer.byteLength counts it), 1 KB = 1024 bytes. Exit status 0, or with --check 1 when
// some family costs more than 10x ordinary text per KB.
import { readFileSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn, execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const self = fileURLToPath(import.meta.url);

const args = process.argv.slice(2);
const opt = (name, def) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : def; };
const settings = {
  platforms: opt('--platform', 'pdd,generic').split(','),
  platform: 'pdd',  // the one being measured (a child gets exactly one)
  cap: Number(opt('--cap', '2')),
  minTime: Number(opt('--min-time', '0.1')),
  family: opt('--family', ''),
  maxKb: Number(opt('--max-kb', '0')),
  check: args.includes('--check'),
};
// --dist DIR: another build of the package (default js/dist).
const dist = opt('--dist', null);
const { createChecker } = await import(dist ? pathToFileURL(join(resolve(dist), 'chatlint.mjs')).href
  : '../../js/dist/chatlint.mjs');
const CHECK = 0, FIX = 1;
const OPS = ['check', 'fix'];

const now = () => Number(process.hrtime.bigint()) / 1e9;
let sink = 0;

function timeOne(fn) { const t0 = now(); fn(); return now() - t0; }

// Seconds per call: best of 3 rounds, each of as many calls as fill minTime.
function bestOf3(fn, oneCall, minTime) {
  const reps = Math.max(1, Math.ceil(minTime / Math.max(oneCall, 1e-8)));
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const t0 = now();
    for (let i = 0; i < reps; i++) fn();
    best = Math.min(best, (now() - t0) / reps);
  }
  return best;
}

function loadDump(dir) {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const ordinary = readFileSync(join(dir, manifest.ordinary), 'utf8').split('\n').filter((l) => l);
  return { manifest, ordinary };
}

function readMessage(dir, size) {
  const buf = readFileSync(join(dir, size.file));
  // utf16le keeps lone surrogates as they are: the UTF-16 entry path, as a chat box hands them over.
  return size.encoding === 'utf16le' ? buf.toString('utf16le') : buf.toString('utf8');
}

async function warmChecker(checker, ordinary) {
  for (let w = 0; w < 5; w++) for (const r of ordinary) { sink += checker.check(r).findings.length; sink += checker.fix(r).text.length; }
}

// ---------------------------------------------------------------- child: one family
// Prints one line per step (the same protocol as worst_case.cc):
//   size I | probe OP I S | time OP I S | over OP I S | proj OP I S
async function child() {
  settings.platform = settings.platforms[0];
  const dir = opt('--dir');
  const { manifest, ordinary } = loadDump(dir);
  const fam = manifest.families[Number(opt('--index'))];
  let start = Number(opt('--start', '0'));
  let mask = Number(opt('--mask', '3'));
  const checker = await createChecker({ platform: settings.platform });
  await warmChecker(checker, ordinary);
  const out = (line) => process.stdout.write(line + '\n');
  const prevT = [0, 0];
  let prevBytes = 0;
  for (let i = start; i < fam.sizes.length && mask !== 0; i++) {
    const size = fam.sizes[i];
    const text = readMessage(dir, size);
    out(`size ${i}`);
    const fns = [() => { sink += checker.check(text).findings.length; }, () => { sink += checker.fix(text).text.length; }];
    for (const op of [CHECK, FIX]) {
      if (!(mask & (1 << op))) continue;
      if (prevT[op] > 0) {
        const projected = prevT[op] * size.bytes / prevBytes;
        if (projected > settings.cap) {
          out(`proj ${OPS[op]} ${i} ${projected}`);
          mask &= op === CHECK ? 0 : ~(1 << op);
          continue;
        }
      }
      const t = timeOne(fns[op]);
      out(`probe ${OPS[op]} ${i} ${t}`);
      if (t > settings.cap) {
        out(`over ${OPS[op]} ${i} ${t}`);
        mask &= op === CHECK ? 0 : ~(1 << op);
        continue;
      }
      const per = bestOf3(fns[op], t, settings.minTime);
      out(`time ${OPS[op]} ${i} ${per}`);
      prevT[op] = Math.max(per, 1e-9);
    }
    prevBytes = size.bytes;
  }
  checker.dispose();
}

// ---------------------------------------------------------------- parent: watchdog and table

const fmt = (v, d) => v.toFixed(d);
const numText = (v) => (v >= 100 ? fmt(v, 0) : v >= 10 ? fmt(v, 1) : fmt(v, 2));
const sizeText = (b) => (b < 1024 ? `${b} B` : b < 1048576 ? `${fmt(b / 1024, 1)} KB` : `${fmt(b / 1048576, 2)} MB`);

// Display width: CJK and emoji take two columns.
function width(s) {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0);
    w += cp >= 0x1100 && (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff00 && cp <= 0xff60) || cp >= 0x1f300) ? 2 : 1;
  }
  return w;
}
const pad = (s, n) => { const fill = ' '.repeat(Math.max(0, Math.abs(n) - width(s))); return n < 0 ? fill + s : s + fill; };
function printRow(family, what, size, cus, cx, fus, fx, growth, note) {
  console.log([pad(family, 19), pad(what, 30), pad(size, -9), pad(cus, -11), pad(cx, -8), pad(fus, -11), pad(fx, -8),
    pad(growth, -11) + ' ', note].join(' ').trimEnd());
}

// Runs one child from size `start` with the ops in `mask`; resolves with how it ended.
function runChild(dir, index, start, mask, rows) {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [self, '--child', '--dir', dir, '--index', String(index), '--start', String(start),
      '--mask', String(mask), '--platform', settings.platform, '--cap', String(settings.cap),
      '--min-time', String(settings.minTime), ...(dist ? ['--dist', dist] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
    const state = { cur: start, op: -1, measuring: false, killed: false };
    let timer = null;
    // Starting Node, loading the package and warming up take a moment; so does reading a message.
    const arm = (seconds) => {
      clearTimeout(timer);
      timer = setTimeout(() => { state.killed = true; proc.kill('SIGKILL'); }, seconds * 1000);
    };
    arm(60);
    let buf = '';
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk) => {
      buf += chunk;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const [kind, a, b, c] = buf.slice(0, nl).split(' ');
        buf = buf.slice(nl + 1);
        if (kind === 'size') {
          const i = Number(a);
          rows[i].generated = true;
          Object.assign(state, { cur: i, op: CHECK, measuring: false });
          arm(settings.cap);
          continue;
        }
        const op = a === 'fix' ? FIX : CHECK;
        const i = Number(b);
        const v = Number(c);
        const row = rows[i];
        const kb = row.bytes / 1024;
        if (kind === 'probe') {
          Object.assign(state, { measuring: true, op });
          arm(3 * Math.max(v, settings.minTime) * 2 + 5);
        } else if (kind === 'time') {
          row.cell[op].usPerKb = v * 1e6 / kb;
          Object.assign(state, { measuring: false, op: op === CHECK ? FIX : -1 });
          arm(op === CHECK ? settings.cap : 60);
        } else if (kind === 'over' || kind === 'proj') {
          row.cell[op].lowerBound = v * 1e6 / kb;
          row.cell[op].note = kind === 'over' ? `one call took ${fmt(v, 1)} s (over the ${settings.cap} s cap)`
            : `projected >${settings.cap} s per call (${fmt(v, 1)} s, linear from the previous size)`;
          if (op === CHECK) {
            row.cell[FIX].lowerBound = Math.max(row.cell[FIX].lowerBound, row.cell[CHECK].lowerBound);
            row.cell[FIX].note = 'skipped with check()';
          }
          Object.assign(state, { measuring: false, op: op === CHECK ? FIX : -1 });
          arm(op === CHECK ? settings.cap : 60);
        }
      }
    });
    proc.on('close', (code, signal) => { clearTimeout(timer); resolve({ ...state, code, signal }); });
  });
}

async function measureFamily(dir, index, rows) {
  let start = 0;
  let mask = 3;
  while (start < rows.length && mask !== 0) {
    const r = await runChild(dir, index, start, mask, rows);
    const op = r.op < 0 ? CHECK : r.op;
    const row = rows[r.cur];
    if (!r.killed && r.code === 0) break;  // the child went through every size it was given
    if (!r.killed) {  // a crash (a wasm abort, an exception) is a finding of its own
      row.cell[op].note = `CRASHED: ${r.signal ? `signal ${r.signal}` : `exit ${r.code}`}`;
      row.cell[op].lowerBound = Infinity;
    } else if (!row.generated) {
      row.cell[CHECK].note = 'starting the child or reading the message took over 60 s';
      break;
    } else {
      row.cell[op].lowerBound = settings.cap * 1e6 / (row.bytes / 1024);
      row.cell[op].note = r.measuring ? `measurement killed (calls near the ${settings.cap} s cap)`
        : `killed after ${settings.cap} s (the cap), one call`;
    }
    if (op === CHECK) {
      row.cell[FIX].lowerBound = row.cell[CHECK].lowerBound;
      row.cell[FIX].note = 'skipped with check()';
      mask = 0;
    } else {
      mask &= ~(1 << FIX);
      start = r.cur + 1;
    }
  }
}

function baseline(checker, ordinary) {
  const bytes = ordinary.reduce((s, r) => s + Buffer.byteLength(r), 0);
  const checkAll = () => { for (const r of ordinary) sink += checker.check(r).findings.length; };
  const fixAll = () => { for (const r of ordinary) sink += checker.fix(r).text.length; };
  const tc = bestOf3(checkAll, timeOne(checkAll), settings.minTime);
  const tf = bestOf3(fixAll, timeOne(fixAll), settings.minTime);
  const kb = bytes / 1024;
  return { checkKb: tc * 1e6 / kb, fixKb: tf * 1e6 / kb, checkMsg: tc * 1e6 / ordinary.length,
    fixMsg: tf * 1e6 / ordinary.length, avgBytes: bytes / ordinary.length };
}

const usText = (c) => (c.usPerKb >= 0 ? numText(c.usPerKb) : c.lowerBound === Infinity ? 'CRASH'
  : c.lowerBound >= 0 ? `>${numText(c.lowerBound)}` : '-');
const ratioText = (c, b) => (c.usPerKb >= 0 ? `${numText(c.usPerKb / b)}x` : c.lowerBound === Infinity ? 'CRASH'
  : c.lowerBound >= 0 ? `>${numText(c.lowerBound / b)}x` : '-');

// Measures every family on one platform and prints its table; true when all are within 10x.
async function runPlatform(platform, dir, families, ordinary) {
  settings.platform = platform;
  const checker = await createChecker({ platform });
  await warmChecker(checker, ordinary);
  // The machine may be shared and its load may change during the run: the ordinary
  // replies are measured again before every family, and the best of all is the
  // baseline (noise only ever adds time). The table is printed at the end.
  const base = baseline(checker, ordinary);
  const keepBest = (b) => { for (const k of Object.keys(base)) base[k] = Math.min(base[k], b[k]); };
  const results = [];
  for (const [k, fam] of families.entries()) {
    if (process.stderr.isTTY) process.stderr.write(`\r${platform}: ${k + 1}/${families.length} ${fam.name.padEnd(20)}`);
    keepBest(baseline(checker, ordinary));
    const rows = fam.sizes.map((s) => ({ bytes: s.bytes, what: s.what, generated: false,
      cell: [{ usPerKb: -1, lowerBound: -1, note: '' }, { usPerKb: -1, lowerBound: -1, note: '' }] }));
    await measureFamily(dir, fam.index, rows);
    results.push([fam, rows]);
  }
  keepBest(baseline(checker, ordinary));
  checker.dispose();
  if (process.stderr.isTTY) process.stderr.write(`\r${' '.repeat(60)}\r`);
  console.log(`== platform ${platform} ==`);
  console.log(`ordinary replies: ${ordinary.length} corpus replies (avg ${fmt(base.avgBytes, 0)} B), one message each: ` +
    `check ${fmt(base.checkMsg, 2)} µs/reply = ${fmt(base.checkKb, 2)} µs/KB; fix ${fmt(base.fixMsg, 2)} µs/reply = ` +
    `${fmt(base.fixKb, 2)} µs/KB (best of ${results.length + 2} measurements during the run)`);
  console.log("(µs/KB: per 1024 bytes of UTF-8; x ord: that over ordinary replies' µs/KB; growth: µs/KB over the " +
    "family's first size, 1.00 = linear)\n");
  printRow('family', 'message', 'size', 'check µs/KB', 'x ord', 'fix µs/KB', 'x ord', 'growth c/f', 'note');
  let worst = 0;
  let worstWhere = '';
  const over = [];
  for (const [fam, rows] of results) {
    const first = [-1, -1];
    let famWorst = 0;
    rows.forEach((row, i) => {
      const growth = [];
      const notes = [];
      for (const op of [CHECK, FIX]) {
        const c = row.cell[op];
        const b = op === CHECK ? base.checkKb : base.fixKb;
        const ratio = c.usPerKb >= 0 ? c.usPerKb / b : c.lowerBound >= 0 ? c.lowerBound / b : 0;
        famWorst = Math.max(famWorst, ratio);
        if (ratio > worst) {
          worst = ratio;
          worstWhere = `${fam.name} ${sizeText(row.bytes)} ${OPS[op]}${c.usPerKb >= 0 ? '' : ' (skipped: lower bound)'}`;
        }
        if (c.usPerKb >= 0 && first[op] < 0) first[op] = c.usPerKb;
        growth.push(c.usPerKb >= 0 ? numText(c.usPerKb / first[op]) : '-');
        if (c.note && c.usPerKb < 0 && !(op === FIX && c.note === 'skipped with check()')) {
          notes.push(c.note.startsWith('CRASHED') ? `${c.note} in ${OPS[op]}`
            : `SKIPPED: ${OPS[op]} ${c.note} at size ${sizeText(row.bytes)}`);
        }
      }
      if (!row.generated) notes.splice(0, notes.length, 'SKIPPED: not run (a smaller size was over the cap)');
      printRow(i === 0 ? fam.name : '', row.what, sizeText(row.bytes), usText(row.cell[CHECK]),
        ratioText(row.cell[CHECK], base.checkKb), usText(row.cell[FIX]), ratioText(row.cell[FIX], base.fixKb),
        growth.join('/'), notes.join('; '));
    });
    if (famWorst > 10) over.push(fam.name);
  }
  console.log(`\nverdict (${platform}, npm package): worst ${worst === Infinity ? 'CRASH' : numText(worst)} x ` +
    `ordinary per KB (${worstWhere}); every family within 10x ordinary per KB: ${over.length ? 'NO' : 'YES'}` +
    (over.length ? ` (${over.length} of ${families.length} over: ${over.join(' ')})` : '') + '\n');
  return over.length === 0;
}

async function parent() {
  let dir = opt('--dir');
  let cleanup = null;
  if (!dir) {
    const bin = here('../../build/chatlint-bench-worst');
    if (!existsSync(bin)) {
      console.error('build the native benchmark first: cmake --build build --target chatlint-bench-worst');
      process.exit(2);
    }
    dir = mkdtempSync(join(tmpdir(), 'chatlint-worst-'));
    cleanup = () => rmSync(dir, { recursive: true, force: true });
    const dumpArgs = ['--dump', dir];
    if (settings.family) dumpArgs.push('--family', settings.family);
    if (settings.maxKb) dumpArgs.push('--max-kb', String(settings.maxKb));
    execFileSync(bin, dumpArgs, { stdio: 'ignore' });
  }
  try {
    const { manifest, ordinary } = loadDump(dir);
    const families = manifest.families.map((f, index) => ({ ...f, index }))
      .filter((f) => f.name.includes(settings.family));
    const t0 = now();
    console.log(`chatlint worst-case benchmark (npm package, Node ${process.version}): ${families.length} families; ` +
      `cap ${settings.cap} s per call; best of 3 rounds of >= ${settings.minTime} s\n`);
    let allWithin = true;
    for (const platform of settings.platforms) allWithin = (await runPlatform(platform, dir, families, ordinary)) && allWithin;
    console.log(`total time ${fmt(now() - t0, 0)} s`);
    if (settings.check && !allWithin) process.exitCode = 1;
  } finally {
    if (cleanup) cleanup();
  }
}

if (args.includes('--child')) await child();
else await parent();
