// rules.mjs: the browser of the rules in force on the chosen platform, with each rule's own
// flagged and clean examples (examples.json, generated at build time from rules/*.rules).
import { el, CATEGORY_NAMES, SEVERITY_NAMES } from './ui.mjs';

export function setupRules({ loadReply }) {
  const q = document.getElementById('rule-q'), cat = document.getElementById('rule-cat');
  const sev = document.getElementById('rule-sev'), list = document.getElementById('rules');
  const count = document.getElementById('rule-count');
  for (const [k, v] of Object.entries(CATEGORY_NAMES)) cat.append(el('option', { value: k }, v));
  for (const [k, v] of Object.entries(SEVERITY_NAMES)) sev.append(el('option', { value: k }, v));
  const examples = fetch(new URL('./examples.json', import.meta.url)).then((r) => r.json()).catch(() => ({}));
  let checker = null, rules = [], ex = {};

  const exampleButtons = (label, items, kind) => items?.length ? el('div', { class: `examples ${kind}` },
    el('span', {}, label),
    items.map((t) => el('button', { type: 'button', class: 'example', onclick: () => loadReply(t) }, t))) : null;

  function matches(rule, query) {
    if (!query) return true;
    const lower = query.toLowerCase();
    const hay = [rule.id, rule.message, rule.suggestion, ...rule.words];
    if (hay.some((s) => s.toLowerCase().includes(lower))) return true;
    if (rule.words.some((w) => lower.includes(w.toLowerCase()))) return true;
    // A word the rule catches in disguise (薇信 for 微信): ask the engine.
    try { return checker.check(query).findings.some((f) => f.ruleId === rule.id); } catch { return false; }
  }

  function render() {
    const query = q.value.trim();
    const shown = rules.filter((r) => (!cat.value || r.category === cat.value) &&
      (!sev.value || r.severity === sev.value) && matches(r, query));
    count.textContent = `共 ${rules.length} 条规则,显示 ${shown.length} 条`;
    list.replaceChildren(...shown.map((r) => el('li', { class: `rule sev-${r.severity}`, 'data-rule': r.id },
      el('div', { class: 'cl-head' },
        el('span', { class: `badge sev-${r.severity}` }, SEVERITY_NAMES[r.severity]),
        el('strong', {}, CATEGORY_NAMES[r.category] || r.category),
        el('code', {}, r.id)),
      el('p', { class: 'why' }, r.message),
      el('p', { class: 'sugg' }, el('b', {}, r.fixable ? '自动改为:' : '建议:'), r.suggestion),
      r.words.length ? el('p', { class: 'words-line' }, el('b', {}, '词:'),
        r.words.slice(0, 24).join('、') + (r.words.length > 24 ? ` 等 ${r.words.length} 个` : '') +
        (r.homophones ? '(含谐音、拼音)' : '')) : null,
      r.detect.length ? el('p', { class: 'words-line' }, el('b', {}, '识别:'),
        r.detect.map((d) => ({ mobile: '手机号', landline: '座机号' }[d] || d)).join('、')) : null,
      exampleButtons('违规例句:', ex[r.id]?.flag, 'flag'),
      exampleButtons('不违规例句:', ex[r.id]?.clean, 'clean'),
      el('p', { class: 'source' }, '来源:', r.source))));
  }
  q.addEventListener('input', render);
  cat.addEventListener('change', render);
  sev.addEventListener('change', render);

  return {
    async refresh(next) {
      checker = next;
      rules = checker.rules();
      ex = await examples;
      render();
    },
  };
}
