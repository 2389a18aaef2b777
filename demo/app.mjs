// app.mjs: the demo page. Check one reply as it is typed; share it by link; the user's own
// words; wires in the rule browser (rules.mjs) and the bulk check (bulk.mjs).
import { createChecker } from './chatlint.mjs';
import { el, renderMarked, findingCard, CATEGORY_NAMES, SEVERITY_NAMES } from './ui.mjs';
import { setupRules } from './rules.mjs';
import { setupBulk } from './bulk.mjs';

const WASM = new URL('./chatlint.wasm', import.meta.url).href;
const WORDS_KEY = 'chatlint-demo-words';
const $ = (id) => document.getElementById(id);
const reply = $('reply'), backdrop = $('backdrop'), card = $('card'), list = $('findings');
const platformSelect = $('platform'), statusLine = $('status'), timing = $('timing');
const fixAll = $('fix-all'), fixNote = $('fix-note');
const customBox = $('custom-words'), allowBox = $('allow-words'), wordsStatus = $('words-status');

// What tests and curious developers can read: how many checks ran, the last result.
const demo = window.chatlintDemo = { checks: 0, result: null, firstCheckMs: null };

let checker = null;          // the current Checker (recreated on platform or word changes)
let fixable = new Set();     // ids of rules whose matches fix() rewrites
let result = { ok: true, findings: [] };
let composing = false;
let generation = 0;
let effectiveWords = { customWords: [], allowWords: [] };   // the words the checker took

// ---- the user's words -----------------------------------------------------------------
const splitWords = (s) => s.split(/[\n,,、]/).map((w) => w.trim()).filter(Boolean);
function loadWords() {
  try {
    const saved = JSON.parse(localStorage.getItem(WORDS_KEY) || '{}');
    customBox.value = saved.custom || '';
    allowBox.value = saved.allow || '';
  } catch { /* a broken entry: start empty */ }
}
function saveWords() {
  localStorage.setItem(WORDS_KEY, JSON.stringify({ custom: customBox.value, allow: allowBox.value }));
}
export function wordOptions() {
  return { customWords: splitWords(customBox.value), allowWords: splitWords(allowBox.value) };
}
// The package's errors name the option and entry in English: {list, index, text} in Chinese,
// or null when the error is not about one entry.
function wordsError(err, words) {
  const m = /options\.(customWords|allowWords)\[(\d+)\]/.exec(err.message || '');
  if (!m) return null;
  const list = m[1], index = Number(m[2]);
  const why = /nothing to match/.test(err.message) ? '只有空格、标点、表情或看不见的字符,没有可以匹配的文字'
    : /empty/.test(err.message) ? '是空的' : '无法使用';
  const name = list === 'customWords' ? '自定义违禁词' : '允许的词';
  return { list, index, text: `${name}“${words[list][index]}”${why},这个词没有生效。` };
}

// ---- the checker --------------------------------------------------------------------------
async function makeChecker() {
  const mine = ++generation;
  const platform = platformSelect.value;
  const words = wordOptions();
  const problems = [];
  let next;
  // A word the package refuses is left out (and named); the other words still take part.
  for (let tries = 0; !next; tries++) {
    try {
      next = await createChecker({ platform, wasm: WASM, ...words });
    } catch (err) {
      const bad = tries < 50 && wordsError(err, words);
      if (!bad) {
        problems.push(`词表无法使用(${err.message}),已暂时不用。`);
        next = await createChecker({ platform, wasm: WASM });
        break;
      }
      problems.push(bad.text);
      words[bad.list] = words[bad.list].filter((_, i) => i !== bad.index);
    }
  }
  const problem = problems.join(' ');
  if (mine !== generation) { next.dispose(); return false; }   // a newer change won
  checker?.dispose();
  checker = next;
  effectiveWords = words;
  // Warm the engine up (its first check of each kind of text is slow) so the shown time is a typical one.
  checker.check('亲,在的,这款宝贝全网最好,加我vx 13812345678,好评返现 weixin');
  fixable = new Set(checker.rules().filter((r) => r.fixable).map((r) => r.id));
  const n = words.customWords.length, a = words.allowWords.length;
  wordsStatus.textContent = problem || (n || a ? `已生效:自定义违禁词 ${n} 个,允许的词 ${a} 个。` : '');
  wordsStatus.classList.toggle('error', !!problem);
  return true;
}

// ---- checking one reply -------------------------------------------------------------------
function runCheck() {
  if (!checker) return;
  const text = reply.value;
  const t0 = performance.now();
  result = checker.check(text);
  const us = (performance.now() - t0) * 1000;
  demo.checks++;
  demo.result = result;
  if (demo.firstCheckMs === null) demo.firstCheckMs = performance.now();
  // A trailing newline needs a character after it to take up its line in the backdrop.
  renderMarked(backdrop, text + '\n', result.findings);
  renderList();
  const { findings } = result;
  const blocks = findings.filter((f) => f.severity === 'block').length;
  statusLine.textContent = !text.trim() ? '请输入一条回复'
    : findings.length === 0 ? '没有发现问题,可以发送'
    : `发现 ${findings.length} 个问题` + (blocks ? `,其中 ${blocks} 个会被处罚` : '');
  statusLine.className = 'status ' + (findings.length ? (blocks ? 'bad' : 'meh') : 'good');
  timing.textContent = us < 100 ? '检查用时不到 0.1 毫秒' : us < 1000 ? `检查用时 ${Math.round(us)} 微秒(µs)`
    : `检查用时 ${(us / 1000).toFixed(1)} 毫秒`;
  fixAll.disabled = !findings.some((f) => fixable.has(f.ruleId));
  hideCard();
  saveHash();
}

function renderList() {
  list.replaceChildren(...result.findings.map((f, k) =>
    findingCard(f, {
      tag: 'li', fixable: fixable.has(f.ruleId), onFix: () => fixOne(k),
      attrs: { tabindex: '0', 'data-k': k, 'aria-label': `${SEVERITY_NAMES[f.severity]} ${CATEGORY_NAMES[f.category]}:${f.match}` },
    })));
}

function fixOne(k) {
  const f = result.findings[k];
  if (!f || !fixable.has(f.ruleId)) return;
  reply.focus();
  reply.setRangeText(f.suggestion, f.start, f.end, 'end');
  fixNote.textContent = `已把“${f.match}”改为“${f.suggestion}”`;
  autoGrow();
  runCheck();
}

fixAll.addEventListener('click', () => {
  const before = result.findings.length;
  const fixed = checker.fix(reply.value);
  reply.value = fixed.text;
  reply.focus();
  reply.setSelectionRange(reply.value.length, reply.value.length);
  autoGrow();
  runCheck();
  const left = result.findings.length;
  fixNote.textContent = `已修改 ${fixed.applied.length} 处` + (left ? `;还有 ${left} 处需要手动改写` : '') +
    (before && !fixed.applied.length ? '(没有可以自动修改的)' : '');
});

// ---- the card over a mark ------------------------------------------------------------------
function marksOf(k) {
  return [...backdrop.querySelectorAll('mark')].filter((m) => m.dataset.f.split(' ').includes(String(k)));
}
function markAt(x, y) {
  for (const m of backdrop.querySelectorAll('mark')) {
    for (const r of m.getClientRects()) {
      if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return m;
    }
  }
  return null;
}
let cardFor = -1, hideTimer = 0;
function showCard(k) {
  clearTimeout(hideTimer);
  const f = result.findings[k];
  if (!f) return;
  backdrop.querySelectorAll('mark.active').forEach((m) => m.classList.remove('active'));
  const marks = marksOf(k);
  marks.forEach((m) => m.classList.add('active'));
  if (cardFor !== k) {
    card.replaceChildren(el('button', { type: 'button', class: 'card-close', 'aria-label': '关闭', onclick: () => hideCard() }, '×'),
      findingCard(f, { fixable: fixable.has(f.ruleId), onFix: () => fixOne(k) }));
  }
  cardFor = k;
  card.hidden = false;
  // Under the mark's last line, kept inside the chat column.
  const box = card.offsetParent.getBoundingClientRect();
  const r = marks.length ? marks[marks.length - 1].getBoundingClientRect() : reply.getBoundingClientRect();
  const left = Math.max(0, Math.min(r.left - box.left, box.width - card.offsetWidth));
  card.style.left = `${left}px`;
  card.style.top = `${r.bottom - box.top + 6}px`;
}
function hideCard(delay = 0) {
  clearTimeout(hideTimer);
  const hide = () => {
    card.hidden = true; cardFor = -1;
    backdrop.querySelectorAll('mark.active').forEach((m) => m.classList.remove('active'));
  };
  if (delay) hideTimer = setTimeout(hide, delay); else hide();
}
reply.addEventListener('mousemove', (e) => {
  const m = markAt(e.clientX, e.clientY);
  if (m) showCard(Number(m.dataset.f.split(' ')[0]));
  else if (!card.hidden) hideCard(400);
});
reply.addEventListener('click', (e) => {
  const m = markAt(e.clientX, e.clientY);
  if (m) showCard(Number(m.dataset.f.split(' ')[0]));
});
reply.addEventListener('mouseleave', () => hideCard(400));
card.addEventListener('mouseenter', () => clearTimeout(hideTimer));
card.addEventListener('mouseleave', () => hideCard(300));
// A finding of the list (focused or hovered) is itself the card: its marks are outlined.
function highlight(k) {
  hideCard();
  marksOf(k).forEach((m) => m.classList.add('active'));
}
list.addEventListener('focusin', (e) => {
  const li = e.target.closest('li[data-k]');
  if (li) highlight(Number(li.dataset.k));
});
list.addEventListener('focusout', (e) => { if (!list.contains(e.relatedTarget)) hideCard(); });
list.addEventListener('mouseover', (e) => {
  const li = e.target.closest('li[data-k]');
  if (li) highlight(Number(li.dataset.k));
});
document.addEventListener('keydown', (e) => { if (e.key === 'Escape') hideCard(); });
// A tap or click outside the box and the card closes it (on a phone there is no hover to end).
document.addEventListener('pointerdown', (e) => {
  if (!card.hidden && !card.contains(e.target) && e.target !== reply) hideCard();
});

// ---- typing: check on every input, never during an IME composition --------------------------
function autoGrow() {
  reply.style.height = 'auto';
  reply.style.height = `${Math.max(reply.scrollHeight, 120)}px`;
}
reply.addEventListener('compositionstart', () => { composing = true; });
reply.addEventListener('compositionend', () => { composing = false; autoGrow(); runCheck(); });
reply.addEventListener('input', (e) => {
  if (composing || e.isComposing) return;
  fixNote.textContent = '';
  autoGrow();
  runCheck();
});
reply.addEventListener('scroll', () => { backdrop.scrollTop = reply.scrollTop; });
new ResizeObserver(() => autoGrow()).observe(reply.parentElement);

// ---- share: the reply and platform in the hash ---------------------------------------------
function saveHash() {
  const params = new URLSearchParams({ p: platformSelect.value, t: reply.value });
  history.replaceState(null, '', `#${params}`);
}
function loadHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  if (!params.has('p') && !params.has('t')) return false;
  const p = params.get('p');
  if (p && [...platformSelect.options].some((o) => o.value === p)) platformSelect.value = p;
  reply.value = params.get('t') || '';
  return true;
}
$('share').addEventListener('click', async () => {
  saveHash();
  try { await navigator.clipboard.writeText(location.href); fixNote.textContent = '分享链接已复制'; }
  catch { fixNote.textContent = '请复制地址栏里的链接'; }
});

// ---- wiring ----------------------------------------------------------------------------
export function loadReply(text) {
  reply.value = text;
  autoGrow();
  runCheck();
  reply.focus();
  reply.scrollIntoView({ block: 'center' });
}

async function start() {
  loadWords();
  if (!loadHash()) reply.value = '亲,这款宝贝是全网最好的,加我微信13812345678发你优惠,好评返现5元哦';
  const rules = setupRules({ loadReply });
  const bulk = setupBulk({ platform: () => platformSelect.value, words: () => effectiveWords });
  await makeChecker();
  autoGrow();
  runCheck();
  rules.refresh(checker);
  platformSelect.addEventListener('change', async () => {
    if (await makeChecker()) { runCheck(); rules.refresh(checker); bulk.platformChanged(); }
  });
  const onWords = async () => {
    saveWords();
    if (await makeChecker()) { runCheck(); rules.refresh(checker); }
  };
  customBox.addEventListener('input', onWords);
  allowBox.addEventListener('input', onWords);
  window.addEventListener('hashchange', async () => {
    if (loadHash() && await makeChecker()) { autoGrow(); runCheck(); rules.refresh(checker); }
  });
  demo.ready = true;
}
start().catch((err) => {
  statusLine.textContent = `检查引擎加载失败:${err.message}`;
  statusLine.className = 'status bad';
  console.error(err);
});
