// ui.mjs: the pieces of the page that show findings — Chinese names, a reply with its
// findings marked, and a finding card. Plain DOM, no framework.
// The names, el() and the runs of a marked reply are shared with the extension's panel
// (js/ui/findings-view.js, copied next to this file by demo/build.mjs).
import './findings-view.js';

const V = globalThis.chatlintView;
export const { PLATFORM_NAMES, CATEGORY_NAMES, SEVERITY_NAMES, el } = V;

// Splits text into runs at every finding boundary; each run carries the indexes of the
// findings covering it (findings may overlap): [{text, start, end, findings: [index...]}].
export const segments = (text, findings) => V.runs(text, findings);

// Fills `into` with the text, each flagged run in a <mark> coloured by its worst severity.
// data-f lists the indexes of the findings the mark belongs to.
export function renderMarked(into, text, findings) {
  const nodes = segments(text, findings).map((run) => {
    if (!run.findings.length) return document.createTextNode(run.text);
    const worst = V.worstSeverity(run.findings.map((k) => findings[k]));
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
