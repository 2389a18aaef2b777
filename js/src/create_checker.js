// create_checker.js: createChecker(), the package's one entry point, and the
// validation of its options.

import { describe } from './describe.js';
import { MAX_TEXT_LENGTH } from './limits.js';
import { PLATFORMS } from '#generated/names.js';
import { encodeCustomRules } from './custom_rules.js';
import { nothingToMatch, wordsWithPlaces } from './options.js';
import { loadCore } from './loader.js';
import { Checker, CONSTRUCT } from './checker.js';

const OPTION_KEYS = new Set(['platform', 'customWords', 'allowWords', 'wasm']);

// createChecker({ platform, customWords, allowWords, wasm }) -> Promise<Checker>
//   platform     'pdd' | 'taobao' | 'tmall' | 'jd' | 'douyin' | 'kuaishou' | 'generic' (required)
//   customWords  extra forbidden words: strings, or { word | words, category, severity,
//                message, suggestion, replace, homophones }; same disguise detection
//   allowWords   words that are always fine (a finding they cover is dropped)
//   wasm         where chatlint.wasm is, or its bytes, or a compiled WebAssembly.Module
export async function createChecker(options) {
  if (options === undefined || options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`chatlint: createChecker(options) expects an object like { platform: 'pdd' }, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key)) throw new Error(`chatlint: unknown option "${key}" (expected ${[...OPTION_KEYS].join(', ')})`);
  }
  const { platform } = options;
  if (typeof platform !== 'string' || !PLATFORMS.includes(platform)) {
    throw new Error(`chatlint: options.platform must be one of ${PLATFORMS.join(', ')}, got ${describe(platform)}`);
  }
  const rules = encodeCustomRules(options.customWords, options.allowWords);
  if (rules.length > MAX_TEXT_LENGTH) {
    throw new RangeError(`chatlint: options.customWords and options.allowWords come to ${rules.length} ` +
      `UTF-16 units, more than the ${MAX_TEXT_LENGTH} (MAX_TEXT_LENGTH) the engine takes`);
  }
  const core = await liveCore(options.wasm);
  const handle = core.run((m) => m.create(platform, rules));
  if (!handle) {
    const error = core.run((m) => m.lastError());
    for (const [where, word] of wordsWithPlaces(options.customWords, options.allowWords)) {
      if (core.run((m) => m.normalizesToNothing(word))) throw nothingToMatch(where, word);
    }
    throw new Error(`chatlint: ${error}`);
  }
  return new Checker(core, handle, platform, CONSTRUCT);
}

// The engine for a wasm source; a fresh one if it stopped while we waited for it.
async function liveCore(wasm) {
  const core = await loadCore(wasm);
  return core.dead === null ? core : loadCore(wasm);
}

// The size of the engine's WebAssembly memory in bytes (all checkers share it).
export async function heapSize(options) {
  const core = await liveCore(options && options.wasm);
  return core.heapBytes();
}
