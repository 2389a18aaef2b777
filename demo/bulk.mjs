// bulk.mjs: check a whole quick-reply library (快捷短语) at once. Text (one reply a line) or
// CSV/XLSX with a text column; checked in a module Web Worker; flagged replies in a filterable
// table; export of the results (CSV, JSON) and of the library with the safe rewrites applied.
import { el, renderMarked, CATEGORY_NAMES, SEVERITY_NAMES, PLATFORM_NAMES } from './ui.mjs';
import { readXLSX } from './xlsx.mjs';

const TEXT_COLUMNS = ['内容', '回复', '短语', '快捷短语', '话术', '文本', '消息', 'text', 'content', 'reply', 'message'];
const SHOW = 200;

// RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines.
export function parseCSV(src) {
  const rows = [];
  let row = [], field = '', i = 0, quoted = false;
  if (src.charCodeAt(0) === 0xfeff) i = 1;
  for (; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"') { if (src[i + 1] === '"') { field += '"'; i++; } else quoted = false; }
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}
const csvField = (v) => /[",\n\r]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v);
const toCSV = (rows) => '\ufeff' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';

// The library as {texts, lineNo, csv?}: lineNo[k] is the line (or table row) reply k came from.
function parseLines(src) {
  const texts = [], lineNo = [];
  src.replace(/^\ufeff/, '').split(/\r\n|\n|\r/).forEach((line, n) => {
    if (line.trim()) { texts.push(line); lineNo.push(n + 1); }
  });
  return { texts, lineNo };
}
// A table (CSV or XLSX rows, the first a header): the replies of its text column.
function parseTable(rows) {
  const header = rows[0] || [];
  let col = header.findIndex((h) => TEXT_COLUMNS.includes(h.trim().toLowerCase()));
  if (col < 0) {   // no known header: the column with the longest texts
    const avg = header.map((_, c) => rows.slice(1, 200).reduce((s, r) => s + (r[c] || '').length, 0));
    col = avg.indexOf(Math.max(...avg));
  }
  const texts = [], lineNo = [], rowOf = [];
  rows.forEach((r, n) => {
    if (n === 0 || !(r[col] || '').trim()) return;
    texts.push(r[col]); lineNo.push(n + 1); rowOf.push(n);
  });
  return { texts, lineNo, csv: { rows, col, rowOf }, column: header[col] };
}

function download(name, type, body) {
  const a = el('a', { href: URL.createObjectURL(new Blob([body], { type })), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

export function setupBulk({ platform, words }) {
  const $ = (id) => document.getElementById(id);
  const fileInput = $('bulk-file'), drop = $('drop'), pasted = $('bulk-text'), run = $('bulk-run');
  const cancel = $('bulk-cancel'), progress = $('bulk-progress'), status = $('bulk-status');
  const results = $('bulk-results'), counts = $('bulk-counts'), tbody = $('bulk-table').tBodies[0];
  const catSel = $('bulk-cat'), sevSel = $('bulk-sev'), shown = $('bulk-shown');
  for (const [k, v] of Object.entries(CATEGORY_NAMES)) catSel.append(el('option', { value: k }, v));
  for (const [k, v] of Object.entries(SEVERITY_NAMES)) sevSel.append(el('option', { value: k }, v));

  let worker = null, lib = null, done = null, sourceName = 'replies';

  function start(library, name) {
    worker?.terminate();
    lib = library; done = null; sourceName = name;
    if (!lib.texts.length) { status.textContent = '没有找到要检查的回复'; return; }
    worker = new Worker(new URL('./bulk-worker.mjs', import.meta.url), { type: 'module' });
    progress.hidden = false; progress.max = lib.texts.length; progress.value = 0;
    results.hidden = true; cancel.hidden = false; run.disabled = true;
    status.textContent = `正在检查 ${lib.texts.length} 条回复…` + (lib.column ? `(CSV 列“${lib.column}”)` : '');
    const t0 = performance.now();
    const flagged = [];
    worker.onmessage = ({ data }) => {
      if (data.type === 'progress') {
        for (const r of data.flagged) flagged.push(r);
        progress.value = data.done;
        status.textContent = `正在检查:${data.done} / ${data.total}`;
      } else if (data.type === 'done') {
        const wall = performance.now() - t0;
        done = { ...data, flagged, wall, platform: platform() };
        window.chatlintDemo.bulk = { total: data.total, flagged: flagged.length, engineMs: data.ms, wallMs: wall };
        finish();
      } else if (data.type === 'error') {
        status.textContent = `检查失败:${data.message}`;
        finish();
      }
    };
    worker.onerror = (e) => { status.textContent = `检查失败:${e.message}`; finish(); };
    worker.postMessage({ platform: platform(), ...words(), texts: lib.texts });
  }
  function finish() {
    worker?.terminate(); worker = null;
    cancel.hidden = true; run.disabled = false;
    if (!done) return;
    progress.value = progress.max;
    const rate = Math.round(done.total / (done.ms / 1000));
    status.textContent = `检查完成(${sourceName === 'replies' ? '粘贴的回复' : sourceName}):${done.total} 条回复,${done.flagged.length} 条有问题(${PLATFORM_NAMES[done.platform]}),` +
      `用时 ${(done.wall / 1000).toFixed(1)} 秒,每秒 ${rate} 条`;
    renderCounts();
    renderTable();
    results.hidden = false;
  }

  function renderCounts() {
    const perCat = {}, perSev = {};
    for (const r of done.flagged) {
      for (const c of new Set(r.findings.map((f) => f.category))) perCat[c] = (perCat[c] || 0) + 1;
      for (const s of new Set(r.findings.map((f) => f.severity))) perSev[s] = (perSev[s] || 0) + 1;
    }
    counts.replaceChildren(
      ...Object.entries(perSev).map(([s, n]) => el('span', { class: `chip sev-${s}` }, `${SEVERITY_NAMES[s]} ${n} 条`)),
      ...Object.entries(perCat).sort((a, b) => b[1] - a[1]).map(([c, n]) => el('span', { class: 'chip' }, `${CATEGORY_NAMES[c]} ${n} 条`)));
  }
  const filtered = () => done.flagged.filter((r) => r.findings.some((f) =>
    (!catSel.value || f.category === catSel.value) && (!sevSel.value || f.severity === sevSel.value)));
  function renderTable() {
    const rows = filtered();
    shown.textContent = rows.length > SHOW ? `符合条件 ${rows.length} 条,这里显示前 ${SHOW} 条;导出包含全部。` : `符合条件 ${rows.length} 条`;
    tbody.replaceChildren(...rows.slice(0, SHOW).map((r) => {
      const text = el('div', { class: 'marked' });
      renderMarked(text, lib.texts[r.i], r.findings);
      return el('tr', {},
        el('td', {}, String(lib.lineNo[r.i])),
        el('td', {}, text),
        el('td', {}, el('ul', { class: 'cell-findings' }, r.findings.map((f) =>
          el('li', {}, el('span', { class: `badge sev-${f.severity}` }, SEVERITY_NAMES[f.severity]),
            ` ${CATEGORY_NAMES[f.category]}:“${f.match}” → ${f.suggestion}`)))));
    }));
  }
  catSel.addEventListener('change', () => done && renderTable());
  sevSel.addEventListener('change', () => done && renderTable());

  const base = () => sourceName.replace(/\.[^.]*$/, '');
  $('export-csv').addEventListener('click', () => {
    const rows = [[lib.csv ? '表格行' : '行', '回复', '级别', '类别', '规则', '命中', '原因', '建议', '修改后']];
    for (const r of done.flagged) for (const f of r.findings) {
      rows.push([lib.lineNo[r.i], lib.texts[r.i], SEVERITY_NAMES[f.severity], CATEGORY_NAMES[f.category], f.ruleId, f.match, done.messages[f.ruleId], f.suggestion, r.fixed]);
    }
    download(`${base()}-chatlint.csv`, 'text/csv', toCSV(rows));
  });
  $('export-json').addEventListener('click', () => {
    const out = { platform: done.platform, total: done.total, flagged: done.flagged.map((r) =>
      ({ line: lib.lineNo[r.i], text: lib.texts[r.i], fixed: r.fixed,
      findings: r.findings.map((f) => ({ ...f, message: done.messages[f.ruleId] })) })) };
    download(`${base()}-chatlint.json`, 'application/json', JSON.stringify(out, null, 1));
  });
  $('export-fixed').addEventListener('click', () => {
    const fixed = lib.texts.slice();
    for (const r of done.flagged) fixed[r.i] = r.fixed;
    if (lib.csv) {
      const rows = lib.csv.rows.map((r) => r.slice());
      lib.csv.rowOf.forEach((n, k) => { rows[n][lib.csv.col] = fixed[k]; });
      download(`${base()}-fixed.csv`, 'text/csv', toCSV(rows));
    } else {
      download(`${base()}-fixed.txt`, 'text/plain', fixed.join('\n') + '\n');
    }
  });

  async function fromFile(file) {
    try {
      if (/\.xlsx$/i.test(file.name)) start(parseTable(await readXLSX(await file.arrayBuffer())), file.name);
      else if (/\.csv$/i.test(file.name) || file.type === 'text/csv') start(parseTable(parseCSV(await file.text())), file.name);
      else start(parseLines(await file.text()), file.name);
    } catch (err) {
      status.textContent = `无法读取 ${file.name}:${err.message}`;
    }
  }
  fileInput.addEventListener('change', () => fileInput.files[0] && fromFile(fileInput.files[0]));
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault(); drop.classList.remove('over');
    const file = e.dataTransfer.files[0];
    if (file) fromFile(file);
  });
  run.addEventListener('click', () => start(parseLines(pasted.value), 'replies'));
  cancel.addEventListener('click', () => { worker?.terminate(); worker = null; status.textContent = '已停止'; finish(); });

  return { platformChanged() { if (done) status.textContent += '(平台已切换,请重新检查)'; } };
}
