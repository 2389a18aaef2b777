// checker.js: the Checker class, one platform's rules over one engine session.

import { describe } from './describe.js';
import { checkLength } from './limits.js';

const STATIC_SUGGESTION = 0xFFFFFFFF;
const ALL_RULES = 0xFFFFFFFF;

function freezeRule(r) {
  return Object.freeze({
    id: r.id, category: r.category, severity: r.severity, platforms: Object.freeze(r.platforms),
    words: Object.freeze(r.words), patterns: Object.freeze(r.patterns), detect: Object.freeze(r.detect || []),
    allow: Object.freeze(r.allow),
    homophones: r.homophones, message: r.message, suggestion: r.suggestion, fixable: r.fixable, source: r.source,
  });
}

// Frees the engine session of a checker that was garbage-collected without dispose()
// (nothing to free in an engine that stopped: its memory went with it).
const sessionReaper = typeof FinalizationRegistry === 'function' ? new FinalizationRegistry(({ core, handle }) => {
  if (core.dead !== null) return;
  try {
    core.run((m) => m.destroy(handle));
  } catch {
    // The engine stopped: its checkers' next calls say so.
  }
}) : null;

export class Checker {
  #core;
  #handle;
  #rules;
  #platform;

  // Use createChecker(); the constructor is not part of the API.
  constructor(core, handle, platform, token) {
    if (token !== CONSTRUCT) throw new TypeError('chatlint: use createChecker() to make a Checker');
    this.#core = core;
    this.#handle = handle;
    this.#platform = platform;
    // Rule metadata is fetched from the engine when a finding first names a rule.
    this.#rules = new Array(core.run((m) => m._chatlint_rule_count(handle)));
    if (sessionReaper) sessionReaper.register(this, { core, handle }, this);
    this.#warmSoon();
  }

  // Regex rules compile on first need. In a page (the demo, an extension's chat box)
  // idle time compiles the rest, a few at a time, so the agent's first replies do
  // not pay for it. Elsewhere (Node, workers) the first uses pay, as batch jobs can.
  #warmSoon() {
    if (typeof requestIdleCallback !== 'function') return;
    requestIdleCallback(() => {
      const core = this.#core, handle = this.#handle;
      if (handle === 0 || core.dead !== null) return;
      try {
        if (core.run((m) => m._chatlint_warm(handle, 4)) > 0) this.#warmSoon();
      } catch {
        // The engine stopped: the checker's next call says so.
      }
    }, { timeout: 2000 });
  }

  get platform() { return this.#platform; }

  // Checks one reply. ok is false iff a finding has severity 'block'.
  check(text) {
    const handle = this.#live('check');
    if (typeof text !== 'string') throw new TypeError(`chatlint: check(text) expects a string, got ${describe(text)}`);
    checkLength(text, 'check');
    const core = this.#core;
    const count = core.run((m) => m._chatlint_check(handle, core.write(handle, text)));
    const findings = this.#findings(text, count);
    let ok = true;
    for (const f of findings) if (f.severity === 'block') ok = false;
    return { ok, findings };
  }

  // Applies every safe rewrite (right to left; where rewrites overlap the longest wins).
  fix(text) {
    const handle = this.#live('fix');
    if (typeof text !== 'string') throw new TypeError(`chatlint: fix(text) expects a string, got ${describe(text)}`);
    checkLength(text, 'fix');
    const core = this.#core;
    const fixedLength = core.run((m) => m._chatlint_fix(handle, core.write(handle, text)));
    const fixed = core.readString(handle, 0, fixedLength);
    const applied = this.#findings(text, core.run((m) => m._chatlint_result_count(handle)));
    return { text: fixed, applied };
  }

  // The rules in force on this checker's platform (custom rules included).
  rules() {
    const handle = this.#live('rules');
    if (this.#rules.includes(undefined) || this.#rules.length === 0) {
      const all = JSON.parse(this.#core.rulesJson(handle, ALL_RULES));
      all.forEach((r, i) => { if (!this.#rules[i]) this.#rules[i] = freezeRule(r); });
    }
    return this.#rules.slice();
  }

  #rule(index) {
    return this.#rules[index] || (this.#rules[index] = freezeRule(JSON.parse(this.#core.rulesJson(this.#handle, index))));
  }

  // Frees the engine session. Idempotent, and it never throws (not even when the
  // engine has stopped); the checker cannot be used afterwards.
  dispose() {
    if (this.#handle === 0) return;
    if (sessionReaper) sessionReaper.unregister(this);
    const handle = this.#handle;
    this.#handle = 0;
    if (this.#core.dead === null) {
      try {
        this.#core.run((m) => m.destroy(handle));
      } catch {
        // The engine stopped while freeing: nothing of it is left to free.
      }
    }
  }

  #live(method) {
    if (this.#handle === 0) throw new Error(`chatlint: ${method}() called on a disposed checker`);
    if (this.#core.dead !== null) throw this.#core.stoppedError();
    return this.#handle;
  }

  #findings(text, count) {
    const core = this.#core;
    const handle = this.#handle;
    // Copy the numbers out first: fetching rule metadata may grow (and so move) the heap.
    const raw = core.run((m) => {
      const base = m._chatlint_results(handle) >>> 2;
      return m.HEAPU32.slice(base, base + count * 6);
    });
    const out = new Array(count);
    for (let i = 0; i < count; i++) {
      const p = i * 6;
      const start = raw[p], end = raw[p + 1];
      const rule = this.#rule(raw[p + 2]);
      const sugLength = raw[p + 4];
      out[i] = {
        start,
        end,
        match: text.slice(start, end),
        ruleId: rule.id,
        category: rule.category,
        severity: rule.severity,
        message: rule.message,
        suggestion: sugLength === STATIC_SUGGESTION ? rule.suggestion : core.readString(this.#handle, raw[p + 3], sugLength),
      };
    }
    return out;
  }
}

// Only createChecker() passes it: the constructor is not part of the API.
export const CONSTRUCT = Symbol('chatlint.Checker');
