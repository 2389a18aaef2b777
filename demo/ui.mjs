// ui.mjs: the pieces of the page that show findings — Chinese names, a reply with its
// findings marked, and a finding card. Plain DOM, no framework.
// The names, el() and the runs of a marked reply are shared with the extension's panel
// (js/ui/findings-view.js, copied next to this file by demo/build.mjs).
import './findings-view.js';

const V = globalThis.chatlintView;
export const { PLATFORM_NAMES, CATEGORY_NAMES, SEVERITY_NAMES, el } = V;

// Fills `into` with the text, each flagged run in a <mark class="sev-…" data-f="…">.
export function renderMarked(into, text, findings) {
  into.replaceChildren(...V.markedNodes(text, findings));
}

// The card of one finding: category, rule, why, suggestion, and (if onFix is given) 修改.
export const findingCard = (f, opts) => V.findingCard(f, opts);
