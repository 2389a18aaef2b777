// content/main.js: checks a reply at the moment it is sent, before the page sees the send.
//
// Enter (and Ctrl/Cmd+Enter where the site sends with it) in the reply box, and a press on the
// send button, are caught in the capture phase on `window`: the listeners are added the moment
// this script runs, so they come before every listener the page adds on an element or on
// document. The box's text is checked synchronously (one checker per page, created at load;
// check() takes microseconds and the last result is reused while the text is unchanged).
//   block finding             -> the event is stopped (the page never sees it) and the panel opens
//   warn finding              -> settings.warnAction: 'panel' lets it send and then shows the
//                                panel, 'block' stops it like a block, 'ignore' does nothing
//   Enter while composing     -> left alone (isComposing / keyCode 229: it confirms the IME)
//   the engine did not start  -> nothing is ever stopped (fail open); the badge says so
// Nothing is re-dispatched: 仍然发送 lets exactly the next send of the same text through.
(function () {
  'use strict';
  const CL = globalThis.chatlintContent || (globalThis.chatlintContent = {});
  if (CL.started) return;
  CL.started = true;
  const { boxes, adapter, ui } = CL;

  const SEND_ANYWAY_MS = 15000;     // how long 仍然发送 waits for the agent's next send
  const LONG_TEXT = 20000;          // longer texts are re-checked for the badge after a pause

  let settings = null;
  let site = null;                  // the site in force here (enabled), or null
  let active = false;               // intercept sends and show the badge
  let checker = null;
  let checkerKey = '';
  let generation = 0;
  let engine = { state: 'loading', reason: '' };   // 'loading' | 'ok' | 'off'
  let last = { checker: null, text: null, result: null };
  let bypass = null;                // { box, text, until }: 仍然发送
  let gesture = null;               // { button, action, warn, until }: one press of a send button
  let swallowEnterUp = false;
  let badgeBox = null;
  let badgeTimer = 0;
  let observer = null;
  let lookupTimer = 0;

  // --- the listeners, first thing ---------------------------------------------------------
  window.addEventListener('keydown', onKeyDown, true);
  window.addEventListener('keyup', onKeyUp, true);
  for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) {
    window.addEventListener(type, onPress, true);
  }
  window.addEventListener('input', onInput, true);
  window.addEventListener('compositionend', onInput, true);
  window.addEventListener('focusin', onFocusIn, true);

  const now = () => performance.now();
  const isOurs = (path) => path.some((n) => n === ui.panel.host || n === ui.badge.host);

  function send(message) {
    try {
      const p = chrome.runtime.sendMessage(message);
      if (p && typeof p.catch === 'function') p.catch(() => {});
    } catch (_) { /* the extension was reloaded: nothing to tell */ }
  }

  // --- checking -----------------------------------------------------------------------------
  function check(text) {
    if (last.checker === checker && last.text === text) return last.result;
    const result = checker.check(text);
    last = { checker, text, result };
    return result;
  }

  function onCheckError(e) {
    if (/engine stopped/.test(String(e && e.message))) {
      // Out of memory: the engine cannot be used again; a new checker starts a fresh one.
      checker = null;
      checkerKey = '';
      if (active) apply();
    }
    // Anything else (a text over MAX_TEXT_LENGTH): fail open for this text.
  }

  const stopsSend = (f) => f.severity === 'block' || (f.severity === 'warn' && settings.warnAction === 'block');

  // What to do with a send of `box` now: { action: 'pass' | 'stop', ... }.
  function decide(box) {
    if (!active || engine.state !== 'ok' || !checker) return { action: 'pass' };
    const text = boxes.readText(box);
    if (!text || !text.trim()) return { action: 'pass' };
    if (bypass && bypass.box === box && bypass.text === text && now() < bypass.until) {
      bypass = null;
      setTimeout(() => updateBadge(box), 0);
      return { action: 'pass' };
    }
    let result;
    try { result = check(text); } catch (e) { onCheckError(e); return { action: 'pass' }; }
    const stopping = result.findings.filter(stopsSend);
    if (stopping.length) {
      return { action: 'stop', text, result, stopping, mode: stopping.some((f) => f.severity === 'block') ? 'block' : 'warnblock' };
    }
    const warn = settings.warnAction === 'panel' && result.findings.some((f) => f.severity === 'warn');
    return { action: 'pass', warn, text, result };
  }

  function stop(e, box, d) {
    e.stopImmediatePropagation();
    e.preventDefault();
    openPanel(box, d.text, d.result, d.mode, true);
    send({
      type: 'chatlint:stopped', siteId: site.id,
      findings: d.stopping.map((f) => ({ ruleId: f.ruleId, category: f.category, severity: f.severity })),
    });
  }

  // A warn finding let through: say so once the send has happened, without taking focus.
  function afterWarnSend(box, d) {
    setTimeout(() => { if (active) openPanel(box, d.text, d.result, 'warnsent', false); }, 0);
  }

  // --- send events ------------------------------------------------------------------------------
  function onKeyDown(e) {
    if (!active) return;
    if (e.key === 'Escape' && ui.panel.isOpen() && !ui.panel.containsFocus()) {
      const box = adapter.boxFor(boxes.editableOf(e.composedPath()[0]));
      if (box && box === ui.panel.box) {
        e.stopImmediatePropagation();
        e.preventDefault();
        ui.panel.opts.mode === 'warnsent' ? ui.panel.opts.onClose() : ui.panel.opts.onBack();
      }
      return;
    }
    if (e.key !== 'Enter' || e.isComposing || e.keyCode === 229) return;
    if (e.shiftKey || e.altKey) return;                                  // Shift+Enter: a new line
    const ctrl = e.ctrlKey || e.metaKey;
    if (ctrl ? site.ctrlEnterSends === false : site.enterSends === false) return;
    const box = adapter.boxFor(boxes.editableOf(e.composedPath()[0]));
    if (!box) return;
    const d = decide(box);
    if (d.action === 'stop') {
      swallowEnterUp = true;
      stop(e, box, d);
    } else if (d.warn) {
      afterWarnSend(box, d);
    }
  }

  function onKeyUp(e) {
    if (swallowEnterUp && e.key === 'Enter') {
      swallowEnterUp = false;
      e.stopImmediatePropagation();
      e.preventDefault();
    }
  }

  // pointerdown, mousedown, pointerup, mouseup and click of one press share one decision, made
  // at its first event: a page may send on any of them.
  function onPress(e) {
    if (!active || e.button !== 0) return;
    const path = e.composedPath();
    if (isOurs(path)) return;
    if (e.type !== 'pointerdown' && gesture && now() < gesture.until && path.includes(gesture.button)) {
      if (gesture.action === 'stop') {
        e.stopImmediatePropagation();
        e.preventDefault();
      }
      if (e.type === 'click') {
        if (gesture.warn) afterWarnSend(gesture.box, gesture.warn);
        gesture = null;
      }
      return;
    }
    if (e.type === 'pointerup' || e.type === 'mouseup') return;
    // A pointerdown; or a mousedown or click whose press we did not see (a button pressed with
    // the keyboard, element.click()).
    const target = adapter.sendTarget(path);
    if (!target) { gesture = null; return; }
    const d = decide(target.box);
    gesture = e.type === 'click' ? null : {
      button: target.button, box: target.box, action: d.action, warn: d.warn ? d : null, until: now() + 5000,
    };
    if (d.action === 'stop') stop(e, target.box, d);
    else if (e.type === 'click' && d.warn) afterWarnSend(target.box, d);
  }

  // --- typing: the badge ---------------------------------------------------------------------
  function onInput(e) {
    if (!active) return;
    if (e.type === 'input' && e.isComposing) return;
    const box = adapter.boxFor(boxes.editableOf(e.composedPath()[0]));
    if (!box) return;
    adapter.noteFocus(box);
    if (ui.panel.isOpen() && ui.panel.box === box) {
      if (ui.panel.opts.mode === 'warnsent') ui.panel.close();
      else setTimeout(() => refreshPanel(box), 0);
    }
    scheduleBadge(box);
  }

  function onFocusIn(e) {
    if (!active) return;
    const box = adapter.boxFor(boxes.editableOf(e.composedPath()[0]));
    if (!box) return;
    adapter.noteFocus(box);
    if (box !== badgeBox) updateBadge(box);
  }

  function scheduleBadge(box) {
    clearTimeout(badgeTimer);
    const long = boxes.isTextField(box) ? box.value.length > LONG_TEXT : box.textContent.length > LONG_TEXT;
    if (long) badgeTimer = setTimeout(() => updateBadge(box), 300);
    else updateBadge(box);
  }

  function updateBadge(box) {
    if (!active || !box || !box.isConnected) return;
    badgeBox = box;
    if (engine.state === 'loading') return;
    if (engine.state === 'off') {
      ui.badge.show(box, {
        kind: 'off', text: '检查未启用',
        title: `chatlint 检查未启用：${engine.reason}。发送不受影响，不会拦截任何消息。`,
      });
      return;
    }
    if (bypass && bypass.box === box && now() < bypass.until && bypass.text === boxes.readText(box)) {
      ui.badge.show(box, {
        kind: 'hint', text: '已放行：再按一次发送',
        title: `${Math.round(SEND_ANYWAY_MS / 1000)} 秒内再按一次 Enter 或点“发送”，这条消息会照原样发出（只放行一次）。`,
        announce: '已放行一次：再按一次发送即可发出',
      });
      return;
    }
    const text = boxes.readText(box);
    let result;
    try { result = check(text); } catch (e) {
      onCheckError(e);
      ui.badge.show(box, { kind: 'off', text: '未检查', title: `chatlint 没有检查这条消息：${e.message}` });
      return;
    }
    const counted = result.findings.filter((f) => f.severity !== 'info');
    if (counted.length === 0) {
      ui.badge.show(box, { kind: 'ok', text: '✓', title: 'chatlint：没有发现违禁用语', announce: '' });
      return;
    }
    const worst = ui.worst(counted);
    const words = [...new Set(counted.map((f) => f.match))].slice(0, 5).join('、');
    ui.badge.show(box, {
      kind: worst,
      text: `${worst === 'block' ? '违规' : '提醒'} ${counted.length}`,
      title: `${counted.length} 处问题：${words}。点击查看原因和改法。`,
      announce: `${counted.length} 处问题`,
    }, () => openPanel(box, text, result, 'preview', true));
  }

  // --- the panel --------------------------------------------------------------------------------
  function openPanel(box, text, result, mode, focus, note) {
    const findings = result.findings.filter((f) => (mode === 'warnsent' ? f.severity === 'warn' : f.severity !== 'info'));
    let applied = [], fixedText = '';
    if (mode !== 'warnsent') {
      try {
        const fixed = checker.fix(text);
        if (fixed.text !== text) { applied = fixed.applied; fixedText = fixed.text; }
      } catch (_) { applied = []; }
    }
    const fixable = new Set(applied.map((f) => f.ruleId + '@' + f.start));
    const saved = focus ? boxes.saveSelection(box) : null;
    ui.panel.open({
      box, text, findings, mode, note, focus, fixedText,
      fixableRules: { has: (ruleId) => findings.some((f) => f.ruleId === ruleId && fixable.has(ruleId + '@' + f.start)) },
      canFix: applied.length > 0,
      sendAnyway: mode === 'warnblock' || (mode === 'block' && settings.allowSendAnyway),
      onFix: () => applyFix(box, mode),
      onBack: () => { ui.panel.close(); boxes.restoreSelection(box, saved); },
      onClose: () => ui.panel.close(),
      onSendAnyway: () => {
        ui.panel.close();
        bypass = { box, text: boxes.readText(box), until: now() + SEND_ANYWAY_MS };
        boxes.restoreSelection(box, saved);
        updateBadge(box);
        setTimeout(() => { if (bypass && now() >= bypass.until) { bypass = null; updateBadge(box); } }, SEND_ANYWAY_MS + 50);
      },
    });
  }

  function applyFix(box, mode) {
    const before = boxes.readText(box);
    let fixed;
    try { fixed = checker.fix(before); } catch (e) { onCheckError(e); ui.panel.close(); return; }
    if (fixed.text !== before) boxes.writeText(box, fixed.text);
    const text = boxes.readText(box);
    let result;
    try { result = check(text); } catch (e) { onCheckError(e); ui.panel.close(); return; }
    updateBadge(box);
    const left = result.findings.filter((f) => f.severity !== 'info');
    if (left.length === 0) {
      ui.panel.close();
      boxes.caretToEnd(box);
      return;
    }
    const stillStops = left.some(stopsSend);
    const note = `已改好 ${fixed.applied.length} 处。` + (stillStops
      ? `还有 ${left.length} 处没有自动改法，请按建议手动修改后再发送。`
      : '剩下的是提醒，可以发送；请留意下面的说法。');
    openPanel(box, text, result, stillStops ? mode : 'preview', true, note);
  }

  // The box changed while the panel is open: show what is left, or close when nothing is.
  function refreshPanel(box) {
    if (!ui.panel.isOpen() || ui.panel.box !== box || !checker) return;
    const o = ui.panel.opts;
    const text = boxes.readText(box);
    if (text === o.text) return;
    let result;
    try { result = check(text); } catch (_) { ui.panel.close(); return; }
    if (!result.findings.some((f) => f.severity !== 'info')) { ui.panel.close(); return; }
    openPanel(box, text, result, o.mode, false, o.note);
  }

  // --- settings and the engine -------------------------------------------------------------------
  function pageUrl() {
    if (/^https?:/.test(location.href)) return location.href;
    try { return window.top.location.href; } catch (_) { return location.href; }  // about:blank frames
  }

  function apply() {
    const s = globalThis.chatlintSettings.siteForUrl(pageUrl(), settings);
    site = s && s.enabled ? s : null;
    adapter.setSite(site);
    if (!site) {
      active = false;
      ui.badge.remove();
      ui.panel.close();
      badgeBox = null;
      bypass = null;
      if (observer) { observer.disconnect(); observer = null; }
      if (checker) { checker.dispose(); checker = null; }
      checkerKey = '';
      generation++;
      return;
    }
    active = true;
    const allowWords = [...(site.allowWords || []), ...settings.allowWords];
    const key = JSON.stringify([site.platform, settings.customWords, allowWords]);
    if (key !== checkerKey) startChecker(key, site.platform, settings.customWords, allowWords);
    watchForBox();
    refresh();
  }

  async function startChecker(key, platform, customWords, allowWords) {
    checkerKey = key;
    const mine = ++generation;
    if (!checker) engine = { state: 'loading', reason: '' };
    let made = null, reason = '', error = null;
    try {
      if (typeof chatlint !== 'object' || !chatlint || typeof chatlint.createChecker !== 'function') {
        throw new Error('chatlint.iife.js 没有加载');
      }
      try {
        made = await chatlint.createChecker({ platform, customWords, allowWords });
      } catch (e) {
        // A word the engine refuses must not switch checking off: check without the agent's words.
        if (!/options\.(customWords|allowWords)/.test(e.message)) throw e;
        made = await chatlint.createChecker({ platform, allowWords: (site && site.allowWords) || [] });
        reason = `设置中的词有误，已忽略自定义词：${e.message}`;
      }
    } catch (e) {
      error = e;
    }
    if (mine !== generation) { if (made) made.dispose(); return; }
    const old = checker;
    checker = made;
    if (old && old !== made) old.dispose();
    last = { checker: null, text: null, result: null };
    if (made) {
      engine = { state: 'ok', reason };
    } else {
      engine = { state: 'off', reason: `检查引擎无法启动（${error && error.message ? error.message : error}）` };
    }
    send({ type: 'chatlint:engine', siteId: site.id, ok: !!made, reason: made ? reason : engine.reason });
    refresh();
  }

  function refresh() {
    if (!active) return;
    const box = badgeBox && badgeBox.isConnected ? badgeBox : adapter.currentBox();
    if (box) updateBadge(box);
    if (ui.panel.isOpen()) {
      const b = ui.panel.box;
      if (!b || !b.isConnected || !checker) { ui.panel.close(); return; }
      const o = ui.panel.opts;
      let result;
      try { result = check(o.text); } catch (_) { ui.panel.close(); return; }
      if (!result.findings.some((f) => f.severity !== 'info')) ui.panel.close();
      else openPanel(b, o.text, result, o.mode, false, o.note);
    }
  }

  // Chat pages build their reply box late: watch the DOM, cheaply (one isConnected test per
  // batch of mutations while the box is there; a lookup at most every 100 ms while it is not).
  function watchForBox() {
    if (observer) return;
    observer = new MutationObserver(() => {
      if (!active) return;
      if (badgeBox && badgeBox.isConnected) return;
      if (badgeBox) { ui.badge.remove(); badgeBox = null; }
      if (lookupTimer) return;
      lookupTimer = setTimeout(() => {
        lookupTimer = 0;
        const box = adapter.currentBox();
        if (box) updateBadge(box);
      }, 100);
    });
    observer.observe(document, { childList: true, subtree: true });
  }

  async function init() {
    const S = globalThis.chatlintSettings;
    if (!S) return;                          // settings.js missing: nothing to do, never block
    try { settings = await S.load(); } catch (_) { settings = S.fill({}); }
    apply();
    S.onChange((s) => { settings = s; apply(); });
  }

  CL.debug = { get engine() { return engine; }, get active() { return active; } };
  init();
})();
