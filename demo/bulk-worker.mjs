// bulk-worker.mjs: checks a library of replies off the main thread. Receives
// {platform, customWords, allowWords, texts}; posts {type:'progress', done, total, flagged} as it
// goes (flagged: the replies with findings since the last post, [{i, findings, fixed}]) and
// {type:'done', messages:{ruleId: message}, total, ms} at the end (or {type:'error'}). Results
// come back in batches so the page never has to take in one huge message; findings carry no
// message (it is per rule) to keep them small.
import { createChecker } from './chatlint.mjs';

const WASM = new URL('./chatlint.wasm', import.meta.url).href;

self.onmessage = async ({ data }) => {
  const { platform, customWords, allowWords, texts } = data;
  try {
    let checker;
    try { checker = await createChecker({ platform, customWords, allowWords, wasm: WASM }); }
    catch { checker = await createChecker({ platform, wasm: WASM }); }
    const t0 = performance.now();
    let flagged = [];
    const messages = {};
    let last = t0;
    for (let i = 0; i < texts.length; i++) {
      const text = texts[i];
      const { findings } = checker.check(text);
      if (findings.length) {
        const fixed = checker.fix(text).text;
        for (const f of findings) messages[f.ruleId] ??= f.message;
        flagged.push({ i, findings: findings.map(({ start, end, match, ruleId, category, severity, suggestion }) =>
          ({ start, end, match, ruleId, category, severity, suggestion })), fixed });
      }
      const now = performance.now();
      if (now - last > 50) {
        last = now;
        self.postMessage({ type: 'progress', done: i + 1, total: texts.length, flagged });
        flagged = [];
      }
    }
    const ms = performance.now() - t0;
    checker.dispose();
    self.postMessage({ type: 'progress', done: texts.length, total: texts.length, flagged });
    self.postMessage({ type: 'done', messages, total: texts.length, ms });
  } catch (err) {
    self.postMessage({ type: 'error', message: String(err && err.message || err) });
  }
};
