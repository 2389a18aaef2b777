// options.js: checks of the words and texts createChecker's options carry, with errors
// that name where the bad value is (options.customWords[2].words[0], ...).

import { describe } from './describe.js';

// A word that is nothing once normalized could never match; the engine refuses it.
export function nothingToMatch(where, word) {
  return new Error(`chatlint: ${where} (${JSON.stringify(word)}) has nothing to match: words and messages are ` +
    'compared without spaces, punctuation, emoji, combining marks and invisible characters');
}

export function checkWord(word, where) {
  if (typeof word !== 'string') throw new TypeError(`chatlint: ${where} must be a string, got ${describe(word)}`);
  if (word === '') throw new Error(`chatlint: ${where} is empty`);
  if (word.trim() === '') throw nothingToMatch(where, word);
  return word;
}

// A string option, or `fallback` when it is not given.
export function checkText(value, where, fallback) {
  if (value === undefined) return fallback;
  if (typeof value !== 'string') throw new TypeError(`chatlint: ${where} must be a string, got ${describe(value)}`);
  return value;
}

// Where each custom and allow word came from, for error messages: [where, word].
export function* wordsWithPlaces(customWords, allowWords) {
  for (let i = 0; i < (customWords ? customWords.length : 0); i++) {
    const entry = customWords[i];
    if (typeof entry === 'string') yield [`options.customWords[${i}]`, entry];
    else if (entry.words !== undefined) for (let j = 0; j < entry.words.length; j++) yield [`options.customWords[${i}].words[${j}]`, entry.words[j]];
    else yield [`options.customWords[${i}].word`, entry.word];
  }
  for (let i = 0; i < (allowWords ? allowWords.length : 0); i++) yield [`options.allowWords[${i}]`, allowWords[i]];
}
