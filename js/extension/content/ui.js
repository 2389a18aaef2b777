// content/ui.js: the badge at the reply box's corner and the panel that explains a stopped
// reply. Each lives in its own shadow root on a host element under <body>: the page's CSS
// cannot reach inside (the host's own box is pinned with inline !important styles) and ours
// cannot leak out. Chinese, system fonts, keyboard usable; the badge never takes focus.
(function () {
  'use strict';
  const CL = globalThis.chatlintContent || (globalThis.chatlintContent = {});
  if (CL.ui) return;

  // Names, el() and the runs of a marked reply: shared with the demo page (js/ui/findings-view.js,
  // loaded before the content scripts).
  const V = globalThis.chatlintView;
  const { CATEGORY_NAMES, SEVERITY_NAMES, el } = V;
  const FONTS = '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", ' +
    '"WenQuanYi Micro Hei", system-ui, -apple-system, "Segoe UI", sans-serif';

  // Pins the host element: fixed, on top, untouched by the page's stylesheets.
  // Pins the host element: fixed, on top, untouched by the page's stylesheets (a rule for `*` or
  // `div` cannot move or hide it: each property is set inline with !important). Inherited
  // properties stop at the top element inside the shadow root (`all: initial` there).
  const HOST_STYLE = [
    'position: fixed', 'z-index: 2147483647', 'display: block', 'margin: 0', 'padding: 0', 'border: 0',
    'top: 0', 'left: 0', 'right: auto', 'bottom: auto', 'width: auto', 'height: auto', 'min-width: 0', 'min-height: 0',
    'max-width: none', 'max-height: none', 'transform: none', 'filter: none', 'opacity: 1', 'visibility: visible',
    'float: none', 'box-sizing: border-box', 'overflow: visible', 'pointer-events: auto', 'clip-path: none',
    'background: transparent', 'box-shadow: none', 'outline: 0', 'contain: layout style', 'direction: ltr',
  ].map((d) => d + ' !important').join('; ') + ';';



  function makeHost(name) {
    const host = document.createElement(name);
    host.setAttribute('style', HOST_STYLE);
    const root = host.attachShadow({ mode: 'open' });
    // Keys and clicks inside our UI are ours: the page's listeners (a global Enter or Escape
    // handler, "click outside" popovers) do not see them.
    for (const type of ['keydown', 'keyup', 'keypress', 'click', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'input', 'focusin', 'focusout']) {
      host.addEventListener(type, (e) => e.stopPropagation());
    }
    return { host, root };
  }

  function mount(host) {
    const parent = document.body || document.documentElement;
    if (host.parentNode !== parent) parent.appendChild(host);
  }

  const worst = V.worstSeverity;

  // ---------------------------------------------------------------------------------------
  // Badge
  const BADGE_CSS = `
    :host { all: initial; }
    .b { all: initial; box-sizing: border-box; display: inline-flex; align-items: center; gap: 4px; height: 22px;
      padding: 0 8px; border-radius: 11px; font: 600 12px/22px ${FONTS}; color: #fff; white-space: nowrap;
      box-shadow: 0 1px 3px rgba(0,0,0,.25); cursor: pointer; user-select: none; letter-spacing: .02em; }
    .ok { background: #1f9d55; padding: 0 7px; }
    .block { background: #d92d20; }
    .warn { background: #d97706; }
    .info { background: #2563eb; }
    .off { background: #8a8f98; cursor: default; }
    .hint { background: #334155; }
  `;

  const badge = {
    host: null, root: null, box: null, span: null, live: null, onClick: null, ro: null,

    ensure() {
      if (this.host) return;
      const { host, root } = makeHost('chatlint-badge');
      const style = el('style', null, BADGE_CSS);
      this.span = el('span', { class: 'b ok', part: 'badge' });
      this.live = el('span', { role: 'status', 'aria-live': 'polite', style: 'position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)' });
      root.append(style, this.span, this.live);
      // Never take focus from the box: a press on the badge keeps the caret where it is.
      host.addEventListener('mousedown', (e) => e.preventDefault(), true);
      host.addEventListener('pointerdown', (e) => e.preventDefault(), true);
      host.addEventListener('click', () => { if (this.onClick) this.onClick(); });
      this.host = host; this.root = root;
      this.reposition = this.reposition.bind(this);
      window.addEventListener('scroll', this.reposition, { capture: true, passive: true });
      window.addEventListener('resize', this.reposition, { passive: true });
    },

    // state: { kind: 'ok'|'block'|'warn'|'info'|'off'|'hint', text, title, announce }
    show(box, state, onClick) {
      this.ensure();
      if (this.box !== box) {
        if (this.ro) this.ro.disconnect();
        this.box = box;
        if (typeof ResizeObserver === 'function') {
          this.ro = new ResizeObserver(this.reposition);
          this.ro.observe(box);
        }
      }
      this.onClick = onClick || null;
      this.span.className = 'b ' + state.kind;
      this.span.textContent = state.text;
      this.host.title = state.title || '';
      this.span.setAttribute('aria-label', state.title || state.text);
      if (this.live.textContent !== (state.announce || '')) this.live.textContent = state.announce || '';
      mount(this.host);
      this.reposition();
    },

    reposition() {
      if (!this.host || !this.box || !this.host.isConnected) return;
      if (!this.box.isConnected) { this.remove(); return; }
      const r = this.box.getBoundingClientRect();
      const w = this.span.offsetWidth || 24, h = this.span.offsetHeight || 22;
      const hidden = r.width === 0 && r.height === 0;
      this.host.style.setProperty('display', hidden ? 'none' : 'block', 'important');
      // Inside the box's bottom-right corner; above its top-right corner when the box is too flat.
      const inside = r.height >= h + 12;
      const top = inside ? r.bottom - h - 6 : r.top - h - 4;
      const left = Math.max(2, r.right - w - (inside ? 8 : 0));
      this.host.style.setProperty('top', Math.max(2, top) + 'px', 'important');
      this.host.style.setProperty('left', left + 'px', 'important');
    },

    remove() {
      if (this.ro) { this.ro.disconnect(); this.ro = null; }
      if (this.host) this.host.remove();
      this.box = null;
    },
  };

  // ---------------------------------------------------------------------------------------
  // Panel
  const PANEL_CSS = `
    :host { all: initial; }
    * { box-sizing: border-box; }
    .p { all: initial; box-sizing: border-box; width: 100%; max-height: inherit; display: flex; flex-direction: column; background: #fff; color: #1f2328;
      font: 14px/1.55 ${FONTS}; border-radius: 10px; border: 1px solid #d0d4da; overflow: hidden;
      box-shadow: 0 10px 30px rgba(15,23,42,.28), 0 2px 6px rgba(15,23,42,.12); text-align: left; }
    .head { display: flex; align-items: flex-start; gap: 10px; padding: 12px 16px 10px; border-top: 4px solid #d92d20; }
    .warn .head { border-top-color: #d97706; }
    .icon { flex: none; width: 24px; height: 24px; border-radius: 50%; background: #d92d20; color: #fff;
      font: 700 16px/24px ${FONTS}; text-align: center; margin-top: 1px; }
    .warn .icon { background: #d97706; }
    h2 { margin: 0; font: 700 16px/1.45 ${FONTS}; color: #1f2328; }
    .sub { margin: 2px 0 0; font-size: 13px; color: #57606a; }
    .body { overflow: auto; flex: 1 1 auto; min-height: 0; padding: 0 16px 4px; }
    .reply { margin: 4px 0 10px; padding: 8px 10px; background: #f6f8fa; border: 1px solid #e5e8ec; border-radius: 6px;
      white-space: pre-wrap; word-break: break-all; font-size: 14px; max-height: 7.8em; overflow: auto; }
    mark { color: inherit; border-radius: 2px; padding: 0 1px; }
    mark.sev-block { background: #ffd8d6; box-shadow: inset 0 -2px 0 #d92d20; }
    mark.sev-warn { background: #fff0c2; box-shadow: inset 0 -2px 0 #d97706; }
    mark.sev-info { background: #dbeafe; box-shadow: inset 0 -2px 0 #2563eb; }
    .gap { color: #8a8f98; }
    ol { list-style: none; margin: 0; padding: 0; }
    .cl-card { margin: 0 0 8px; padding: 8px 10px; border: 1px solid #e5e8ec; border-left: 4px solid #d92d20; border-radius: 6px; }
    .cl-card.sev-warn { border-left-color: #d97706; }
    .cl-card.sev-info { border-left-color: #2563eb; }
    .cl-head { display: flex; align-items: baseline; gap: 8px; flex-wrap: wrap; }
    .cl-cat { font-weight: 700; }
    .cl-match { font-weight: 700; color: #b42318; quotes: "「" "」"; }
    .sev-warn .cl-match { color: #b45309; }
    .cl-sev { order: 3; margin-left: auto; font-size: 12px; padding: 0 6px; border-radius: 4px; background: #fee4e2; color: #b42318; }
    .sev-warn .cl-sev { background: #fef0c7; color: #b45309; }
    .sev-info .cl-sev { background: #dbeafe; color: #1d4ed8; }
    .cl-why, .cl-fix { margin: 3px 0 0; font-size: 13px; color: #3d444d; }
    .cl-fix { color: #1a7f37; }
    .cl-card b, .k { font-weight: 700; color: #57606a; }
    .cl-fix b { color: #1a7f37; }
    .more { font-size: 13px; color: #57606a; margin: 0 0 8px; }
    .after { margin: 0 16px 8px; padding: 6px 10px; font-size: 13px; background: #edfaef; border: 1px solid #b7e4c0; border-radius: 6px;
      color: #1a7f37; white-space: pre-wrap; word-break: break-all; max-height: 4.8em; overflow: auto; }
    .after .k { color: #1a7f37; }
    .note { margin: 0 16px 8px; font-size: 13px; color: #b45309; }
    .note:empty { display: none; }
    .actions { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; padding: 10px 16px 12px; border-top: 1px solid #eef0f3; }
    button { font: 600 14px/1 ${FONTS}; padding: 9px 16px; border-radius: 6px; border: 1px solid #c9ced6; background: #fff;
      color: #1f2328; cursor: pointer; }
    button:hover { background: #f3f4f6; }
    button:focus-visible, button:focus { outline: 3px solid #60a5fa; outline-offset: 1px; }
    button.primary { background: #1f6feb; border-color: #1f6feb; color: #fff; }
    button.primary:hover { background: #1a5fd0; }
    button.quiet { border-color: transparent; color: #57606a; font-weight: 400; text-decoration: underline; text-underline-offset: 3px; }
    .keys { margin-left: auto; font-size: 12px; color: #8a8f98; }
  `;

  // The reply with the flagged spans marked by their worst severity; a long reply is cut to
  // the neighbourhood of each finding.
  function markedReply(text, findings) {
    const out = [];
    const windows = [];
    if (text.length <= 400) windows.push([0, text.length]);
    else {
      for (const f of findings.slice(0, 12)) {
        const s = Math.max(0, f.start - 30), e = Math.min(text.length, f.end + 30);
        const last = windows[windows.length - 1];
        if (last && s <= last[1]) last[1] = Math.max(last[1], e); else windows.push([s, e]);
      }
      if (windows.length === 0) windows.push([0, 200]);
    }
    windows.forEach(([ws, we], wi) => {
      if (ws > 0 || wi > 0) out.push(el('span', { class: 'gap' }, '…'));
      out.push(...V.markedNodes(text, findings, ws, we));
      if (we < text.length && wi === windows.length - 1) out.push(el('span', { class: 'gap' }, '…'));
    });
    return out;
  }

  const MAX_CARDS = 8;

  const panel = {
    host: null, root: null, box: null, opts: null, openedAt: 0,

    isOpen() { return !!(this.host && this.host.isConnected); },

    // opts: { box, text, findings, mode: 'block'|'warnblock'|'warnsent'|'preview',
    //         fixableRules: Set of ruleIds fix() rewrites, canFix, sendAnyway: bool, note,
    //         onFix, onBack, onSendAnyway, onClose, focus: bool }
    open(opts) {
      if (!this.host) {
        const { host, root } = makeHost('chatlint-panel');
        root.addEventListener('keydown', (e) => this.onKey(e));
        this.host = host; this.root = root;
        this.reposition = this.reposition.bind(this);
        window.addEventListener('resize', this.reposition, { passive: true });
        window.addEventListener('scroll', this.reposition, { capture: true, passive: true });
      }
      this.opts = opts;
      this.box = opts.box;
      this.render();
      mount(this.host);
      this.reposition();
      this.openedAt = performance.now();
      if (opts.focus) {
        // After the event that opened it has finished (a mousedown would move focus again).
        setTimeout(() => { if (this.isOpen() && this.opts === opts) this.focusFirst(); }, 0);
      }
    },

    render() {
      const o = this.opts;
      const stopped = o.mode === 'block' || o.mode === 'warnblock';
      const blocks = o.findings.filter((f) => f.severity === 'block').length;
      const warns = o.findings.filter((f) => f.severity === 'warn').length;
      const severe = blocks > 0 ? 'block' : 'warn';
      const title = {
        block: '这条消息可能被平台处罚，已拦截',
        warnblock: '这条消息有需要注意的用语，已暂停发送',
        warnsent: '提醒：刚发出的消息有需要注意的用语',
        preview: blocks > 0 ? '这条消息发出去可能被平台处罚' : '这条消息有需要注意的用语',
      }[o.mode];
      const counts = [blocks ? `${blocks} 处违规` : '', warns ? `${warns} 处提醒` : ''].filter(Boolean).join(' · ');
      const sub = stopped ? `${counts}。改好后再发送。` : o.mode === 'warnsent' ? `${counts}。下次注意这样说。` : `${counts}。`;

      const buttons = [];
      if (o.mode === 'warnsent') {
        buttons.push(el('button', { class: 'primary', type: 'button', onclick: () => o.onClose() }, '知道了'));
      } else {
        if (o.canFix) buttons.push(el('button', { class: 'primary', type: 'button', 'data-action': 'fix', onclick: () => this.guard(o.onFix) }, '一键修改'));
        buttons.push(el('button', { type: 'button', 'data-action': 'back', class: o.canFix ? null : 'primary', onclick: () => this.guard(o.onBack) },
          o.mode === 'preview' ? '关闭' : '返回修改'));
        if (stopped && o.sendAnyway) {
          buttons.push(el('button', { class: 'quiet', type: 'button', 'data-action': 'send-anyway', onclick: () => this.guard(o.onSendAnyway) }, '仍然发送'));
        }
      }

      const shown = o.findings.slice(0, MAX_CARDS);
      const box = el('div', {
        class: 'p ' + severe, role: 'alertdialog', 'aria-modal': 'false',
        'aria-labelledby': 'chatlint-title', 'aria-describedby': 'chatlint-sub',
      },
        el('div', { class: 'head' },
          el('div', { class: 'icon', 'aria-hidden': 'true' }, severe === 'block' ? '!' : 'i'),
          el('div', null,
            el('h2', { id: 'chatlint-title' }, title),
            el('p', { class: 'sub', id: 'chatlint-sub', 'aria-live': 'polite' }, sub))),
        el('div', { class: 'body' },
          el('div', { class: 'reply', 'aria-label': '你的回复' }, markedReply(o.text, o.findings)),
          el('ol', { 'aria-label': '问题' }, shown.map((f) => V.findingCard(f, { tag: 'li', fixable: o.fixableRules.has(f.ruleId), showRule: false }))),
          o.findings.length > shown.length ? el('p', { class: 'more' }, `还有 ${o.findings.length - shown.length} 处问题未列出。`) : null),
        o.canFix && o.fixedText ? el('p', { class: 'after' }, el('span', { class: 'k' }, '一键修改后：'),
          o.fixedText.length > 200 ? o.fixedText.slice(0, 200) + '…' : o.fixedText) : null,
        el('p', { class: 'note', role: 'status', 'aria-live': 'polite' }, o.note || ''),
        el('div', { class: 'actions' }, buttons,
          el('span', { class: 'keys', 'aria-hidden': 'true' }, o.mode === 'warnsent' ? 'Esc 关闭' : 'Esc 返回修改 · Tab 切换')));
      this.root.replaceChildren(el('style', null, PANEL_CSS), box);
    },

    // Buttons act on a click; a held-down Enter (auto-repeat) is ignored in onKey.
    guard(fn) { fn(); },

    buttons() { return [...this.root.querySelectorAll('button')]; },

    focusFirst() {
      const b = this.buttons()[0];
      if (b) b.focus({ preventScroll: true });
    },

    containsFocus() { return this.isOpen() && this.root.activeElement !== null; },

    onKey(e) {
      if (e.key === 'Escape') {
        e.preventDefault();
        if (this.opts.mode === 'warnsent') this.opts.onClose(); else this.opts.onBack();
      } else if (e.key === 'Tab') {
        const bs = this.buttons();
        if (bs.length === 0) return;
        e.preventDefault();
        const i = bs.indexOf(this.root.activeElement);
        const next = e.shiftKey ? (i <= 0 ? bs.length - 1 : i - 1) : (i + 1) % bs.length;
        bs[next].focus({ preventScroll: true });
      } else if (e.key === 'Enter' && e.repeat) {
        e.preventDefault();
      }
    },

    reposition() {
      if (!this.isOpen() || !this.box) return;
      const vw = document.documentElement.clientWidth || window.innerWidth;
      const vh = document.documentElement.clientHeight || window.innerHeight;
      const r = this.box.getBoundingClientRect();
      const width = Math.min(480, vw - 16);
      const h = this.host.style;
      h.setProperty('width', width + 'px', 'important');
      h.setProperty('max-height', (vh - 16) + 'px', 'important');
      const left = Math.min(Math.max(8, r.left), vw - width - 8);
      h.setProperty('left', Math.max(8, left) + 'px', 'important');
      const ph = this.host.offsetHeight;
      const above = r.top - 16, below = vh - r.bottom - 16;
      let top;
      if (ph <= above) top = r.top - ph - 8;                     // above the box
      else if (ph <= below) top = r.bottom + 8;                  // below it
      else if (Math.max(above, below) >= 240) {                  // the roomier side, scrolling
        const room = Math.max(above, below);
        h.setProperty('max-height', room + 'px', 'important');
        top = above >= below ? 8 : r.bottom + 8;
      } else top = Math.max(8, vh - ph - 8);                     // over the page, inside the window
      h.setProperty('top', top + 'px', 'important');
    },

    close() {
      if (this.host) this.host.remove();
      this.opts = null;
      this.box = null;
    },
  };

  CL.ui = { badge, panel, CATEGORY_NAMES, SEVERITY_NAMES, worst };
})();
