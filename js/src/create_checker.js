// create_checker.js: createChecker(), the package's one entry point, and the
// validation of its options. (Concatenated by js/scripts/build.mjs.)

const OPTION_KEYS = new Set(['platform', 'customWords', 'allowWords', 'wasm']);
const CUSTOM_KEYS = new Set(['word', 'words', 'category', 'severity', 'message', 'suggestion', 'replace', 'homophones']);
// Separators of the encoded arguments the binding reads (wasm/binding/binding.cc).
const RS = '\x1e', US = '\x1f', WS = '\x1d';
const RESERVED = /[\x1d-\x1f]/;

// A word that is nothing once normalized could never match; the engine refuses it.
function nothingToMatch(where, word) {
  return new Error(`chatlint: ${where} (${JSON.stringify(word)}) has nothing to match: words and messages are ` +
    'compared without spaces, punctuation, emoji, combining marks and invisible characters');
}

function checkWord(word, where) {
  if (typeof word !== 'string') throw new TypeError(`chatlint: ${where} must be a string, got ${describe(word)}`);
  if (word === '') throw new Error(`chatlint: ${where} is empty`);
  if (word.trim() === '') throw nothingToMatch(where, word);
  if (RESERVED.test(word)) throw new Error(`chatlint: ${where} contains a control character (U+001D-U+001F)`);
  return word;
}

// Where each custom and allow word came from, for error messages: [where, word].
function* wordsWithPlaces(customWords, allowWords) {
  for (let i = 0; i < (customWords ? customWords.length : 0); i++) {
    const entry = customWords[i];
    if (typeof entry === 'string') yield [`options.customWords[${i}]`, entry];
    else if (entry.words !== undefined) for (let j = 0; j < entry.words.length; j++) yield [`options.customWords[${i}].words[${j}]`, entry.words[j]];
    else yield [`options.customWords[${i}].word`, entry.word];
  }
  for (let i = 0; i < (allowWords ? allowWords.length : 0); i++) yield [`options.allowWords[${i}]`, allowWords[i]];
}

function checkText(value, where, fallback) {
  if (value === undefined) return fallback;
  if (typeof value !== 'string') throw new TypeError(`chatlint: ${where} must be a string, got ${describe(value)}`);
  if (RESERVED.test(value)) throw new Error(`chatlint: ${where} contains a control character (U+001D-U+001F)`);
  return value;
}

function encodeCustomWords(customWords) {
  if (customWords === undefined) return '';
  if (!Array.isArray(customWords)) throw new TypeError(`chatlint: options.customWords must be an array, got ${describe(customWords)}`);
  return customWords.map((entry, i) => {
    const where = `options.customWords[${i}]`;
    const spec = typeof entry === 'string' ? { word: entry } : entry;
    if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
      throw new TypeError(`chatlint: ${where} must be a string or an object, got ${describe(entry)}`);
    }
    for (const key of Object.keys(spec)) {
      if (!CUSTOM_KEYS.has(key)) throw new Error(`chatlint: ${where} has an unknown key "${key}" (expected ${[...CUSTOM_KEYS].join(', ')})`);
    }
    let words;
    if (spec.words !== undefined) {
      if (!Array.isArray(spec.words) || spec.words.length === 0) throw new TypeError(`chatlint: ${where}.words must be a non-empty array of strings`);
      words = spec.words.map((w, j) => checkWord(w, `${where}.words[${j}]`));
    } else {
      words = [checkWord(spec.word, typeof entry === 'string' ? where : `${where}.word`)];
    }
    const category = checkText(spec.category, `${where}.category`, 'offsite_platform');
    if (!CATEGORIES.includes(category)) throw new Error(`chatlint: ${where}.category "${category}" is not one of ${CATEGORIES.join(', ')}`);
    const severity = checkText(spec.severity, `${where}.severity`, 'block');
    if (!SEVERITIES.includes(severity)) throw new Error(`chatlint: ${where}.severity "${severity}" is not one of ${SEVERITIES.join(', ')}`);
    if (spec.homophones !== undefined && typeof spec.homophones !== 'boolean') {
      throw new TypeError(`chatlint: ${where}.homophones must be a boolean, got ${describe(spec.homophones)}`);
    }
    const message = checkText(spec.message, `${where}.message`, `自定义违禁词:${words[0]}`);
    const suggestion = checkText(spec.suggestion, `${where}.suggestion`, '');
    const replace = spec.replace === undefined ? WS : checkText(spec.replace, `${where}.replace`, '');
    return [`custom.${i + 1}`, category, severity, words.join(WS), spec.homophones ? '1' : '0', message || ' ', suggestion, replace].join(US);
  }).join(RS);
}

function encodeAllowWords(allowWords) {
  if (allowWords === undefined) return '';
  if (!Array.isArray(allowWords)) throw new TypeError(`chatlint: options.allowWords must be an array, got ${describe(allowWords)}`);
  return allowWords.map((w, i) => checkWord(w, `options.allowWords[${i}]`)).join(RS);
}

// createChecker({ platform, customWords, allowWords, wasm }) -> Promise<Checker>
//   platform     'pdd' | 'taobao' | 'tmall' | 'jd' | 'douyin' | 'kuaishou' | 'generic' (required)
//   customWords  extra forbidden words: strings, or { word | words, category, severity,
//                message, suggestion, replace, homophones }; same disguise detection
//   allowWords   words that are always fine (a finding they cover is dropped)
//   wasm         where chatlint.wasm is, or its bytes, or a compiled WebAssembly.Module
async function createChecker(options) {
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
  const custom = encodeCustomWords(options.customWords);
  const allow = encodeAllowWords(options.allowWords);
  if (custom.length + allow.length > MAX_TEXT_LENGTH) {
    throw new RangeError(`chatlint: options.customWords and options.allowWords come to ${custom.length + allow.length} ` +
      `UTF-16 units, more than the ${MAX_TEXT_LENGTH} (MAX_TEXT_LENGTH) the engine takes`);
  }
  const core = await liveCore(options.wasm);
  const handle = core.run((m) => m.create(platform, custom, allow));
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
async function heapSize(options) {
  const core = await liveCore(options && options.wasm);
  return core.heapBytes();
}
