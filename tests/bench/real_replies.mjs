// Flags on real agent replies (../shared/data/real_replies, read at run time only: those
// replies are not the project's and are never copied into it). Each file is checked on its
// platform with the command line; a flag is a reply with a finding of severity block or warn.
// Every flag is looked up in real_replies_verdicts.tsv (file, line, rule id, right|wrong, why —
// our judgement of that flag, with no reply text), so the wrong-flag rate is measured, and any
// flag nobody has judged yet is printed for a person to read and judge.
//
// Usage: node tests/bench/real_replies.mjs [path/to/chatlint] [--data DIR] [--rules FILE.clp]
//   --rules: check with another compiled rule pack (e.g. an older commit's rules, to compare)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const args = process.argv.slice(2);
const dataAt = args.indexOf('--data');
const dataDir = dataAt >= 0 ? resolve(args.splice(dataAt, 2)[1]) : resolve(repo, '../shared/data/real_replies');
const rulesAt = args.indexOf('--rules');
const rulesArgs = rulesAt >= 0 ? ['--rules', resolve(args.splice(rulesAt, 2)[1])] : [];
const cli = resolve(args[0] || join(repo, 'build/chatlint'));

// The datasets and the platform each is checked on (see the data folder's README).
const FILES = [
  ['replies_jddc2018_chat.txt', 'jd'],
  ['replies_jddc2018_trainanswers.txt', 'jd'],
  ['replies_ecd_taobao_candidates.joined.txt', 'taobao'],
];

if (!existsSync(dataDir)) {
  console.log(`real replies: ${dataDir} is not here; nothing to measure`);
  process.exit(0);
}

const verdicts = new Map();   // "file:line:rule" -> { verdict, why }
for (const [n, line] of readFileSync(join(here, 'real_replies_verdicts.tsv'), 'utf8').split('\n').entries()) {
  if (!line.trim() || line.startsWith('#')) continue;
  const [file, lineNo, rule, verdict, why = ''] = line.split('\t');
  if (!['right', 'wrong'].includes(verdict)) throw new Error(`real_replies_verdicts.tsv:${n + 1}: verdict must be right or wrong, got "${verdict}"`);
  verdicts.set(`${file}:${lineNo}:${rule}`, { verdict, why });
}

let total = 0, flaggedTotal = 0, wrongTotal = 0, unjudgedTotal = 0;
const stale = new Set(verdicts.keys());
for (const [file, platform] of FILES) {
  const path = join(dataDir, file);
  if (!existsSync(path)) continue;
  const replies = readFileSync(path, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  // Exit status 1 only says a reply has a block finding.
  const run = spawnSync(cli, ['check', '--platform', platform, ...rulesArgs], { input: replies.join('\n') + '\n', maxBuffer: 1 << 28 });
  if (run.status !== 0 && run.status !== 1) throw new Error(`${cli} check --platform ${platform} < ${file}: exit ${run.status}: ${run.stderr}`);
  const out = run.stdout.toString().trim().split('\n').map((l) => JSON.parse(l));
  let flagged = 0, wrong = 0, unjudged = 0;
  const lines = [];
  for (const r of out) {
    const fs = r.findings.filter((f) => f.severity !== 'info');
    if (fs.length === 0) continue;
    flagged++;
    let replyWrong = false;
    for (const f of fs) {
      const key = `${file}:${r.line}:${f.ruleId}`;
      stale.delete(key);
      const v = verdicts.get(key);
      if (!v) { unjudged++; lines.push(`  unjudged  ${file}:${r.line} ${f.ruleId} 「${f.match}」  ${replies[r.line - 1].slice(0, 80)}`); }
      else if (v.verdict === 'wrong') replyWrong = true;
    }
    if (replyWrong) wrong++;
  }
  total += replies.length; flaggedTotal += flagged; wrongTotal += wrong; unjudgedTotal += unjudged;
  console.log(`${file} (${platform}): ${replies.length} replies, ${flagged} flagged (${pct(flagged, replies.length)}), ` +
    `${wrong} wrongly (${pct(wrong, replies.length)} of replies)`);
  for (const l of lines) console.log(l);
}
console.log(`all: ${total} replies, ${flaggedTotal} flagged (${pct(flaggedTotal, total)}), ${wrongTotal} wrongly ` +
  `(${pct(wrongTotal, total)} of replies; ${pct(wrongTotal, flaggedTotal)} of flags), ${unjudgedTotal} findings not judged yet`);
if (stale.size) console.log(`verdicts for flags that no longer occur: ${stale.size} (fixed or changed)`);

function pct(a, b) { return b ? `${(100 * a / b).toFixed(2)}%` : '-'; }
