// dom.js: the one DOM-building helper of the extension's own pages (popup, options).
//   chatlintDom.el('button', { class: 'primary', text: '保存', onclick: save }, child, ...)
//   chatlintDom.byId('status')
// Attributes named on* become listeners, `text` the text content, `class` the class name.
(function () {
  'use strict';
  function el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }
  globalThis.chatlintDom = Object.freeze({ el, byId: (id) => document.getElementById(id) });
})();
