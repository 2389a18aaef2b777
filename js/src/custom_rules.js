// custom_rules.js: createChecker's customWords and allowWords, checked and encoded as
// the binding reads them (wasm/binding/binding.cc): one function, encodeCustomRules.
//
// The encoding: custom words are records separated by RS (U+001E), each
//   id US category US severity US words US homophones US message US suggestion US replace
// with US = U+001F, the words separated by WS (U+001D), homophones '1' or '0', and
// replace WS alone when fix() must not rewrite; allow words are separated by RS.

import { describe } from './describe.js';
import { CATEGORIES, SEVERITIES } from '#generated/names.js';
import { checkText, checkWord } from './options.js';

const CUSTOM_KEYS = new Set(['word', 'words', 'category', 'severity', 'message', 'suggestion', 'replace', 'homophones']);
const RS = '\x1e', US = '\x1f', WS = '\x1d';
const RESERVED = /[\x1d-\x1f]/;

function noSeparators(value, where) {
  if (RESERVED.test(value)) throw new Error(`chatlint: ${where} contains a control character (U+001D-U+001F)`);
  return value;
}

const word = (value, where) => noSeparators(checkWord(value, where), where);
const text = (value, where, fallback) => (value === undefined ? fallback : noSeparators(checkText(value, where), where));

// (customWords, allowWords) as given to createChecker -> { custom, allow }, the two
// strings the binding's create(platform, custom, allow) takes. Throws an Error naming
// a bad entry.
export function encodeCustomRules(customWords, allowWords) {
  return { custom: encodeCustomWords(customWords), allow: encodeAllowWords(allowWords) };
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
      words = spec.words.map((w, j) => word(w, `${where}.words[${j}]`));
    } else {
      words = [word(spec.word, typeof entry === 'string' ? where : `${where}.word`)];
    }
    const category = text(spec.category, `${where}.category`, 'offsite_platform');
    if (!CATEGORIES.includes(category)) throw new Error(`chatlint: ${where}.category "${category}" is not one of ${CATEGORIES.join(', ')}`);
    const severity = text(spec.severity, `${where}.severity`, 'block');
    if (!SEVERITIES.includes(severity)) throw new Error(`chatlint: ${where}.severity "${severity}" is not one of ${SEVERITIES.join(', ')}`);
    if (spec.homophones !== undefined && typeof spec.homophones !== 'boolean') {
      throw new TypeError(`chatlint: ${where}.homophones must be a boolean, got ${describe(spec.homophones)}`);
    }
    const message = text(spec.message, `${where}.message`, `自定义违禁词:${words[0]}`);
    const suggestion = text(spec.suggestion, `${where}.suggestion`, '');
    const replace = spec.replace === undefined ? WS : text(spec.replace, `${where}.replace`, '');
    return [`custom.${i + 1}`, category, severity, words.join(WS), spec.homophones ? '1' : '0', message || ' ', suggestion, replace].join(US);
  }).join(RS);
}

function encodeAllowWords(allowWords) {
  if (allowWords === undefined) return '';
  if (!Array.isArray(allowWords)) throw new TypeError(`chatlint: options.allowWords must be an array, got ${describe(allowWords)}`);
  return allowWords.map((w, i) => word(w, `options.allowWords[${i}]`)).join(RS);
}
