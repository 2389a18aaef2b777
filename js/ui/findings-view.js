// findings-view.js: the pieces every chatlint page shows findings with — the Chinese names
// of platforms, categories and severities, a DOM builder, and the runs a reply splits into
// where findings begin and end (to mark them). One copy for the extension (its panel,
// popup, options page and service worker) and the demo page.
//
// A classic script that defines globalThis.chatlintView, so it loads the same way in a
// content script, an extension page, a service worker (importScripts) and, imported for
// its effect, from an ES module (demo/ui.mjs: import './findings-view.js').
//   const V = globalThis.chatlintView;
//   V.CATEGORY_NAMES.offsite_platform                        // '站外平台'
//   V.runs('加我微信', findings)  // [{ text: '加我', start: 0, end: 2, findings: [0] }, ...]
//   V.el('mark', { class: 'block' }, '微信')
(function () {
  'use strict';
  if (globalThis.chatlintView) return;

  const PLATFORM_NAMES = { pdd: '拼多多', taobao: '淘宝', tmall: '天猫', jd: '京东', generic: '通用规则' };
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

  globalThis.chatlintView = Object.freeze({
    PLATFORM_NAMES: Object.freeze(PLATFORM_NAMES), CATEGORY_NAMES: Object.freeze(CATEGORY_NAMES),
    SEVERITY_NAMES: Object.freeze(SEVERITY_NAMES), SEVERITY_RANK: Object.freeze(SEVERITY_RANK),
    worstSeverity, el, runs,
  });
})();
