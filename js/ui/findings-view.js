// findings-view.js: the pieces every chatlint page shows findings with — the Chinese names
// of platforms, categories and severities, a DOM builder, a reply with its findings marked,
// and the card that explains one finding. One copy for the extension (its panel, popup,
// options page and service worker) and the demo page; each page only styles the markup.
//
// A classic script that defines globalThis.chatlintView, so it loads the same way in a
// content script, an extension page, a service worker (importScripts) and, imported for
// its effect, from an ES module (demo/ui.mjs: import './findings-view.js').
//   const V = globalThis.chatlintView;
//   V.CATEGORY_NAMES.offsite_platform                        // '站外平台'
//   V.runs('加我微信', findings)  // [{ text: '加我', start: 0, end: 2, findings: [0] }, ...]
//   V.el('mark', { class: 'block' }, '微信')
//   box.replaceChildren(...V.markedNodes('加我微信', findings))   // 加我<mark class="sev-block" data-f="0">微信</mark>
//   list.append(V.findingCard(f, { tag: 'li', fixable: true }))
(function () {
  'use strict';
  if (globalThis.chatlintView) return;

  // The engine's platforms (wasm/engine/rule.cc), in its order; the extension's list is these keys.
  const PLATFORM_NAMES = {
    pdd: '拼多多', taobao: '淘宝', tmall: '天猫', jd: '京东', douyin: '抖店', kuaishou: '快手小店', generic: '通用规则',
  };
  const CATEGORY_NAMES = {
    absolute_claim: '极限词/夸大宣传', offsite_platform: '站外平台', offsite_trade: '站外交易',
    contact_info: '联系方式', review_incentive: '好评返现', abuse: '辱骂', platform_term: '平台用语',
    service_promise: '服务承诺',
  };
  const SEVERITY_NAMES = { block: '违规', warn: '提醒', info: '提示' };
  const SEVERITY_RANK = { info: 1, warn: 2, block: 3 };

  // The most severe severity among findings ('info' for none).
  function worstSeverity(findings) {
    let worst = 'info';
    for (const f of findings) if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst]) worst = f.severity;
    return worst;
  }

  // el('div', { class: 'x', onclick: fn, hidden: true }, child, [children], 'text'): attributes
  // that are undefined, null or false are left out; on* become listeners.
  function el(tag, attrs, ...children) {
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

  // The text of [from, to) cut at every finding's start and end; each run lists the indexes of
  // the findings that cover it (findings may overlap). Linear in runs × findings covering.
  function runs(text, findings, from = 0, to = text.length) {
    const cuts = new Set([from, to]);
    for (const f of findings) {
      if (f.start > from && f.start < to) cuts.add(f.start);
      if (f.end > from && f.end < to) cuts.add(f.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    const out = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const start = points[i], end = points[i + 1];
      const covering = [];
      findings.forEach((f, k) => { if (f.start < end && f.end > start) covering.push(k); });
      out.push({ text: text.slice(start, end), start, end, findings: covering });
    }
    return out;
  }

  // The nodes of text[from, to) with every flagged run in <mark class="sev-…" data-f="i j">,
  // coloured by the worst severity covering it; data-f lists the covering findings' indexes.
  function markedNodes(text, findings, from = 0, to = text.length) {
    return runs(text, findings, from, to).map((run) => run.findings.length
      ? el('mark', { class: 'sev-' + worstSeverity(run.findings.map((k) => findings[k])), 'data-f': run.findings.join(' ') }, run.text)
      : document.createTextNode(run.text));
  }

  // The card of one finding, the same markup on every page:
  //   <tag class="cl-card sev-block" data-severity="block">
  //     <div class="cl-head"><span class="cl-sev">违规</span><strong class="cl-cat">站外平台</strong><q class="cl-match">微信</q></div>
  //     <p class="cl-why"><b>原因：</b>message</p>
  //     <p class="cl-fix"><b>一键修改为：</b>suggestion</p>     (建议： when fix() leaves it to the agent)
  //     <p class="cl-rule">规则 <code>ruleId</code></p>         (showRule)
  //     …actions                                             (onFix: a 修改 button, or a note that it is manual)
  //   </tag>
  // opts: { tag = 'div', fixable = false, showRule = true, onFix, attrs }
  function findingCard(f, opts = {}) {
    const { tag = 'div', fixable = false, showRule = true, onFix = null, attrs = {} } = opts;
    const action = !onFix ? null : fixable
      ? el('button', { type: 'button', class: 'cl-fix-one', onclick: onFix }, '修改')
      : el('p', { class: 'cl-manual' }, '这条需要手动改写');
    return el(tag, { ...attrs, class: `cl-card sev-${f.severity}`, 'data-severity': f.severity },
      el('div', { class: 'cl-head' },
        el('span', { class: 'cl-sev' }, SEVERITY_NAMES[f.severity] || f.severity),
        el('strong', { class: 'cl-cat' }, CATEGORY_NAMES[f.category] || f.category),
        el('q', { class: 'cl-match' }, f.match)),
      el('p', { class: 'cl-why' }, el('b', {}, '原因：'), f.message),
      f.suggestion ? el('p', { class: 'cl-fix' }, el('b', {}, fixable ? '一键修改为：' : '建议：'), f.suggestion) : null,
      showRule ? el('p', { class: 'cl-rule' }, '规则 ', el('code', {}, f.ruleId)) : null,
      action);
  }

  globalThis.chatlintView = Object.freeze({
    PLATFORM_NAMES: Object.freeze(PLATFORM_NAMES), CATEGORY_NAMES: Object.freeze(CATEGORY_NAMES),
    SEVERITY_NAMES: Object.freeze(SEVERITY_NAMES), SEVERITY_RANK: Object.freeze(SEVERITY_RANK),
    worstSeverity, el, runs, markedNodes, findingCard,
  });
})();
