// custom_rules.js: createChecker's customWords and allowWords, checked and written
// as rule text in the syntax of rules/ (rules/README.md, "A caller's own rules"),
// which the binding reads with the engine's own rule parser (ParseCallerRules,
// wasm/engine/rule_text.h): one format at every boundary.
//
//   allow: 微信支付 | 支付宝付款        allowWords, before the first rule
//   [custom.1]                          customWords[0]
//   category: offsite_platform
//   severity: block
//   words: 抖商 | 快团团
//   homophones: no
//   message: 自定义违禁词:抖商
//
// A word's '|' and line breaks are written as spaces (the normalizer drops all three
// alike, so the word matches the same); text fields are escaped (\n \r \t \\, \s for
// a space at either end) so any message, suggestion or replacement arrives as given.

import { describe } from './describe.js';
import { CATEGORIES, SEVERITIES } from '#generated/names.js';
import { checkText, checkWord, nothingToMatch } from './options.js';

const CUSTOM_KEYS = new Set(['word', 'words', 'category', 'severity', 'message', 'suggestion', 'replace', 'homophones']);

const listWord = (w) => w.replace(/[|\r\n]/g, ' ');

// A word as a list item; one that is blank once written so has nothing to match.
function word(value, where) {
  checkWord(value, where);
  const written = listWord(value);
  if (written.trim() === '') throw nothingToMatch(where, value);
  return written;
}

// The escapes of rule_text.h's EscapeRuleText.
function escapeText(value) {
  return value.replace(/[\\\n\r\t]|^ | $/g, (c) => ({ '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', ' ': '\\s' })[c]);
}

// (customWords, allowWords) as given to createChecker -> the rule text the binding's
// create(platform, rules) takes. Throws an Error naming a bad entry.
export function encodeCustomRules(customWords, allowWords) {
  return encodeAllowWords(allowWords) + encodeCustomWords(customWords);
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
    if (spec.words !== undefined && (!Array.isArray(spec.words) || spec.words.length === 0)) {
      throw new TypeError(`chatlint: ${where}.words must be a non-empty array of strings`);
    }
    const given = spec.words !== undefined ? spec.words : [spec.word];
    const words = given.map((w, j) => word(w, spec.words !== undefined ? `${where}.words[${j}]` : typeof entry === 'string' ? where : `${where}.word`));
    const category = checkText(spec.category, `${where}.category`, 'offsite_platform');
    if (!CATEGORIES.includes(category)) throw new Error(`chatlint: ${where}.category "${category}" is not one of ${CATEGORIES.join(', ')}`);
    const severity = checkText(spec.severity, `${where}.severity`, 'block');
    if (!SEVERITIES.includes(severity)) throw new Error(`chatlint: ${where}.severity "${severity}" is not one of ${SEVERITIES.join(', ')}`);
    if (spec.homophones !== undefined && typeof spec.homophones !== 'boolean') {
      throw new TypeError(`chatlint: ${where}.homophones must be a boolean, got ${describe(spec.homophones)}`);
    }
    // An empty message would say nothing: the default names the word.
    const message = checkText(spec.message, `${where}.message`, '') || `自定义违禁词:${given[0]}`;
    const suggestion = checkText(spec.suggestion, `${where}.suggestion`, '');
    const lines = [`[custom.${i + 1}]`, `category: ${category}`, `severity: ${severity}`, `words: ${words.join(' | ')}`,
      `homophones: ${spec.homophones ? 'yes' : 'no'}`, `message: ${escapeText(message)}`];
    if (suggestion !== '') lines.push(`suggestion: ${escapeText(suggestion)}`);
    if (spec.replace !== undefined) lines.push(`replace: ${escapeText(checkText(spec.replace, `${where}.replace`, ''))}`);
    return lines.join('\n') + '\n';
  }).join('');
}

function encodeAllowWords(allowWords) {
  if (allowWords === undefined) return '';
  if (!Array.isArray(allowWords)) throw new TypeError(`chatlint: options.allowWords must be an array, got ${describe(allowWords)}`);
  if (allowWords.length === 0) return '';
  return `allow: ${allowWords.map((w, i) => word(w, `options.allowWords[${i}]`)).join(' | ')}\n`;
}
