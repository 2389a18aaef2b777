// checker.js: the Checker class, one platform's rules over one engine session.
// (Concatenated with the other files of js/src by js/scripts/build.mjs.)

const PLATFORMS = Object.freeze(['pdd', 'taobao', 'tmall', 'jd', 'generic']);
const CATEGORIES = Object.freeze(['absolute_claim', 'offsite_platform', 'offsite_trade', 'contact_info',
  'review_incentive', 'abuse', 'platform_term', 'service_promise']);
const SEVERITIES = Object.freeze(['block', 'warn', 'info']);
const STATIC_SUGGESTION = 0xFFFFFFFF;

// Frees the engine session of a checker that was garbage-collected without dispose().
const sessionReaper = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry(({ core, handle }) => core.module.destroy(handle)) : null;

class Checker {
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
    this.#rules = JSON.parse(core.rulesJson(handle)).map((r) => Object.freeze({
      id: r.id, category: r.category, severity: r.severity, platforms: Object.freeze(r.platforms),
      words: Object.freeze(r.words), patterns: Object.freeze(r.patterns), allow: Object.freeze(r.allow),
      homophones: r.homophones, message: r.message, suggestion: r.suggestion, fixable: r.fixable, source: r.source,
    }));
    if (sessionReaper) sessionReaper.register(this, { core, handle }, this);
    this.#warmSoon();
  }

  // Regex rules compile on first need; spend idle time compiling the rest, a few
  // at a time, so the agent's first replies do not pay for it.
  #warmSoon() {
    const step = () => {
      if (this.#handle === 0) return;
      if (this.#core.module._chatlint_warm(this.#handle, 4) > 0) this.#warmSoon();
    };
    if (typeof requestIdleCallback === 'function') {
      requestIdleCallback(step, { timeout: 1000 });
    } else if (typeof setTimeout === 'function') {
      const timer = setTimeout(step, 0);
      if (timer && typeof timer.unref === 'function') timer.unref();  // never keeps Node alive
    }
  }

  get platform() { return this.#platform; }

  // Checks one reply. ok is false iff a finding has severity 'block'.
  check(text) {
    const handle = this.#live('check');
    if (typeof text !== 'string') throw new TypeError(`chatlint: check(text) expects a string, got ${describe(text)}`);
    const core = this.#core;
    const count = core.module._chatlint_check(handle, core.write(handle, text));
    const findings = this.#findings(text, count);
    let ok = true;
    for (const f of findings) if (f.severity === 'block') ok = false;
    return { ok, findings };
  }

  // Applies every safe rewrite (right to left; where rewrites overlap the longest wins).
  fix(text) {
    const handle = this.#live('fix');
    if (typeof text !== 'string') throw new TypeError(`chatlint: fix(text) expects a string, got ${describe(text)}`);
    const core = this.#core;
    const fixedLength = core.module._chatlint_fix(handle, core.write(handle, text));
    const fixed = core.readString(handle, 0, fixedLength);
    const applied = this.#findings(text, core.module._chatlint_result_count(handle));
    return { text: fixed, applied };
  }

  // The rules in force on this checker's platform (custom rules included).
  rules() {
    this.#live('rules');
    return this.#rules.slice();
  }

  // Frees the engine session. Idempotent; the checker cannot be used afterwards.
  dispose() {
    if (this.#handle === 0) return;
    if (sessionReaper) sessionReaper.unregister(this);
    this.#core.module.destroy(this.#handle);
    this.#handle = 0;
  }

  #live(method) {
    if (this.#handle === 0) throw new Error(`chatlint: ${method}() called on a disposed checker`);
    return this.#handle;
  }

  #findings(text, count) {
    const core = this.#core;
    const m = core.module;
    const base = m._chatlint_results(this.#handle) >>> 2;
    const heap = m.HEAPU32;
    const out = new Array(count);
    for (let i = 0; i < count; i++) {
      const p = base + i * 6;
      const start = heap[p], end = heap[p + 1];
      const rule = this.#rules[heap[p + 2]];
      const sugLength = heap[p + 4];
      out[i] = {
        start,
        end,
        match: text.slice(start, end),
        ruleId: rule.id,
        category: rule.category,
        severity: rule.severity,
        message: rule.message,
        suggestion: sugLength === STATIC_SUGGESTION ? rule.suggestion : core.readString(this.#handle, heap[p + 3], sugLength),
      };
    }
    return out;
  }
}

const CONSTRUCT = Symbol('chatlint.Checker');
