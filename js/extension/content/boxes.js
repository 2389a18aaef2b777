// content/boxes.js: reading and writing a reply box (a <textarea> or a contenteditable
// editor) so that the page's own framework notices the change.
//
// Content scripts run in an isolated world: the page's JS wrappers (a React value tracker on
// the element, a Vue watcher) are invisible here, but the DOM and its events are shared. So a
// rewrite goes through the element's native value setter (textarea) or an editing command
// (contenteditable), followed by the `input` event the page's framework listens to.
(function () {
  'use strict';
  const CL = globalThis.chatlintContent || (globalThis.chatlintContent = {});
  if (CL.boxes) return;

  const textareaValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value');
  const inputValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');

  const isTextField = (el) => el.tagName === 'TEXTAREA' || el.tagName === 'INPUT';

  // The editable element a node belongs to: a writable <textarea>, or the editing host (the
  // outermost contenteditable element) around it; null for anything else.
  function editableOf(node) {
    let el = node && node.nodeType === 1 ? node : node && node.parentElement;
    if (!el) return null;
    if (el.tagName === 'TEXTAREA') return el.disabled || el.readOnly ? null : el;
    if (!el.isContentEditable) return null;
    while (el.parentElement && el.parentElement.isContentEditable) el = el.parentElement;
    return el;
  }

  // The reply as the agent sees it (innerText keeps an editor's line breaks).
  function readText(box) {
    if (isTextField(box)) return box.value;
    return box.innerText;
  }

  // Ignores how an editor spells line breaks and trailing blank lines.
  const same = (a, b) => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

  function caretToEnd(box) {
    if (isTextField(box)) {
      const n = box.value.length;
      try { box.setSelectionRange(n, n); } catch (_) { /* input types without selection */ }
      return;
    }
    const doc = box.ownerDocument;
    const sel = doc.getSelection();
    if (!sel) return;
    const range = doc.createRange();
    range.selectNodeContents(box);
    range.collapse(false);
    sel.removeAllRanges();
    sel.addRange(range);
  }

  // Puts `text` in the box as if the agent had typed it; returns true when the box reads it.
  function writeText(box, text) {
    box.focus({ preventScroll: true });
    if (isTextField(box)) {
      // The native setter (not a property a framework may have put on the element) and a
      // bubbling input event: Vue's v-model and React's onChange both read the value from it.
      (box.tagName === 'TEXTAREA' ? textareaValue : inputValue).set.call(box, text);
      box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: text }));
      caretToEnd(box);
      return box.value === text;
    }
    // contenteditable (pell, Quill, ProseMirror ...): select everything and insert the text
    // with an editing command; the editor sees a real beforeinput/input and its DOM mutations.
    const doc = box.ownerDocument;
    const sel = doc.getSelection();
    const range = doc.createRange();
    range.selectNodeContents(box);
    sel.removeAllRanges();
    sel.addRange(range);
    let done = false;
    try { done = doc.execCommand('insertText', false, text); } catch (_) { done = false; }
    if (!done || !same(readText(box), text)) {
      // No editing command here (or the editor refused it): tell the editor with a
      // beforeinput it may handle itself; if it does not, change the DOM and send input.
      const before = new InputEvent('beforeinput', {
        bubbles: true, cancelable: true, inputType: 'insertReplacementText', data: text,
      });
      if (box.dispatchEvent(before) && !same(readText(box), text)) {
        box.replaceChildren();
        text.split('\n').forEach((line, i) => {
          if (i > 0) box.appendChild(doc.createElement('br'));
          if (line) box.appendChild(doc.createTextNode(line));
        });
        box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: text }));
      }
    }
    caretToEnd(box);
    return same(readText(box), text);
  }

  // The selection inside the box, to give it back when the panel closes (返回修改).
  function saveSelection(box) {
    if (isTextField(box)) return { start: box.selectionStart, end: box.selectionEnd };
    const sel = box.ownerDocument.getSelection();
    if (!sel || sel.rangeCount === 0) return null;
    const r = sel.getRangeAt(0);
    return box.contains(r.startContainer) ? { range: r.cloneRange() } : null;
  }

  function restoreSelection(box, saved) {
    box.focus({ preventScroll: true });
    if (!saved) { caretToEnd(box); return; }
    if (isTextField(box)) {
      try { box.setSelectionRange(saved.start, saved.end); } catch (_) { /* ignore */ }
      return;
    }
    if (!box.contains(saved.range.startContainer)) { caretToEnd(box); return; }
    const sel = box.ownerDocument.getSelection();
    sel.removeAllRanges();
    sel.addRange(saved.range);
  }

  CL.boxes = { editableOf, readText, writeText, caretToEnd, saveSelection, restoreSelection, isTextField };
})();
