// ui.mjs: the pieces of the page that show findings — Chinese names, a reply with its
// findings marked, and a finding card. Plain DOM, no framework.
export const PLATFORM_NAMES = { pdd: '拼多多', taobao: '淘宝', tmall: '天猫', jd: '京东', generic: '通用' };
export const CATEGORY_NAMES = {
  absolute_claim: '极限词/夸大宣传', offsite_platform: '站外平台', offsite_trade: '站外交易',
  contact_info: '联系方式', review_incentive: '好评返现', abuse: '辱骂', platform_term: '平台用语',
  service_promise: '服务承诺',
};
export const SEVERITY_NAMES = { block: '违规', warn: '提醒', info: '提示' };
const RANK = { info: 1, warn: 2, block: 3 };

export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}

// Splits text into runs at every finding boundary; each run carries the findings covering it
// (findings may overlap). Returns [{text, start, findings: [index...]}].
export function segments(text, findings) {
  const cuts = new Set([0, text.length]);
  for (const f of findings) { cuts.add(f.start); cuts.add(f.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const runs = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i], end = points[i + 1];
    const covering = [];
    findings.forEach((f, k) => { if (f.start < end && f.end > start) covering.push(k); });
    runs.push({ text: text.slice(start, end), start, findings: covering });
  }
  return runs;
}

// Fills `into` with the text, each flagged run in a <mark> coloured by its worst severity.
// data-f lists the indexes of the findings the mark belongs to.
export function renderMarked(into, text, findings) {
  const nodes = segments(text, findings).map((run) => {
    if (!run.findings.length) return document.createTextNode(run.text);
    const worst = run.findings.map((k) => findings[k].severity).sort((a, b) => RANK[b] - RANK[a])[0];
    return el('mark', { class: `sev-${worst}`, 'data-f': run.findings.join(' ') }, run.text);
  });
  into.replaceChildren(...nodes);
}

// The card of one finding: category, rule, why, suggestion, and (if given) a 修改 button.
export function findingCard(f, { onFix, fixable = false } = {}) {
  return el('div', { class: `finding-body sev-${f.severity}` },
    el('div', { class: 'finding-head' },
      el('span', { class: `badge sev-${f.severity}` }, SEVERITY_NAMES[f.severity] || f.severity),
      el('strong', {}, CATEGORY_NAMES[f.category] || f.category),
      el('q', {}, f.match)),
    el('p', { class: 'why' }, el('b', {}, '原因:'), f.message),
    el('p', { class: 'sugg' }, el('b', {}, fixable ? '改为:' : '建议:'), f.suggestion),
    el('p', { class: 'rule-id' }, '规则 ', el('code', {}, f.ruleId)),
    onFix ? (fixable
      ? el('button', { type: 'button', class: 'fix-one', onclick: onFix }, '修改')
      : el('p', { class: 'manual' }, '这条需要手动改写'))
      : null);
}
