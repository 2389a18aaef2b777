// content/adapter.js: which element is the reply box and which is the send button, on this
// page, at this moment.
//
// The site adapter (sites.js: candidate selectors, best first) is tried first. When none of its
// box candidates is on the page (the page changed, or the site is one the agent added), the
// generic adapter takes over: the focused (or last focused) textarea or contenteditable box,
// and a nearby button, div, span or link whose text, aria-label or title is 发送 / Send.
(function () {
  'use strict';
  const CL = globalThis.chatlintContent || (globalThis.chatlintContent = {});
  if (CL.adapter) return;
  const { editableOf } = CL.boxes;

  let site = null;
  let lastFocused = null;         // the generic adapter's box: the last editable that had focus

  const safeMatches = (el, sel) => { try { return el.matches(sel); } catch (_) { return false; } };
  const safeQuery = (root, sel) => { try { return root.querySelector(sel); } catch (_) { return null; } };
  const safeClosest = (el, sel) => { try { return el.closest(sel); } catch (_) { return null; } };

  // The site's reply box on the page now (first candidate that is there), or null.
  function siteBox() {
    if (!site || !site.box) return null;
    for (const sel of site.box) {
      const el = safeQuery(document, sel);
      const box = el && editableOf(el);
      if (box) return box;
    }
    return null;
  }

  // Does this editable belong to the site's box candidates?
  function matchesSiteBox(el) {
    if (!site || !site.box) return false;
    return site.box.some((sel) => safeMatches(el, sel) || (safeClosest(el, sel) !== null));
  }

  // The box a key event or an input event in `editable` is about, or null: the site's box, or
  // (only when the site's candidates find nothing on the page) any textarea/contenteditable.
  function boxFor(editable) {
    if (!editable) return null;
    if (matchesSiteBox(editable)) return editable;
    return siteBox() ? null : editable;
  }

  function noteFocus(editable) {
    if (editable && boxFor(editable)) lastFocused = editable;
  }

  // The box the agent is working in, when nothing was typed yet (for the badge).
  function currentBox() {
    const s = siteBox();
    if (s) return s;
    return lastFocused && lastFocused.isConnected ? lastFocused : null;
  }

  const SEND_LABEL = /^(发送|发 送|send)(\s*[(（][^)）]{0,12}[)）])?$/i;
  const CLICKABLE = 'button, [role="button"], a, div, span, input[type="button"], input[type="submit"], i, em, b, label';

  // Does this element look like a 发送 button (its own text, aria-label, title or value)?
  function looksLikeSend(el) {
    if (!safeMatches(el, CLICKABLE)) return false;
    const label = el.getAttribute('aria-label') || el.getAttribute('title') || '';
    if (SEND_LABEL.test(label.trim())) return true;
    if (el.tagName === 'INPUT') return SEND_LABEL.test((el.value || '').trim());
    const text = el.textContent;
    return text.length <= 24 && SEND_LABEL.test(text.replace(/\s+/g, ' ').trim());
  }

  // The nearest editable around a button: the box it sends, for the generic adapter.
  function boxNear(button) {
    if (lastFocused && lastFocused.isConnected) return lastFocused;
    let el = button.parentElement;
    for (let i = 0; el && i < 6; i++, el = el.parentElement) {
      const found = safeQuery(el, 'textarea, [contenteditable="true"], [contenteditable=""], [contenteditable="plaintext-only"]');
      const box = found && editableOf(found);
      if (box) return box;
    }
    return null;
  }

  // antd spaces out a two-character label ("发 送"): compare without white space.
  const hasText = (el, text) => el.textContent.replace(/\s+/g, '').includes(text.replace(/\s+/g, ''));

  // For a pointer or click event's composed path: { button, box } when it hits a send button,
  // else null.
  function sendTarget(path) {
    const els = path.filter((n) => n && n.nodeType === 1);
    if (site && site.send) {
      for (const el of els) {
        for (const sel of site.send) {
          if (safeMatches(el, sel) && (!site.sendText || hasText(el, site.sendText))) {
            const box = siteBox() || boxNear(el);
            return box ? { button: el, box } : null;
          }
        }
      }
    }
    // Generic: the clicked element or one of its few closest ancestors reads 发送.
    for (const el of els.slice(0, 4)) {
      if (el === document.body || el === document.documentElement) break;
      if (looksLikeSend(el)) {
        const box = siteBox() || boxNear(el);
        return box ? { button: el, box } : null;
      }
    }
    return null;
  }

  CL.adapter = {
    setSite(s) { site = s; },
    get site() { return site; },
    siteBox, boxFor, noteFocus, currentBox, sendTarget, looksLikeSend,
  };
})();
