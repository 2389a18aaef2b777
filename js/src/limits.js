// limits.js: the longest text check() and fix() take.

// In UTF-16 code units (2^24: 32 MB of UTF-16). The engine's WebAssembly memory can
// grow to 2 GiB (Emscripten's limit for this build, under wasm32's 4 GiB), and
// checking needs about 24 bytes per unit for text it drops (spaces, emoji) and 45-70
// for ordinary text, more where findings are dense. Up to this length any ordinary
// text fits in a fresh engine with room to spare; about 40M units of ordinary text
// would not fit at all.
export const MAX_TEXT_LENGTH = 16 * 1024 * 1024;

export function checkLength(text, method) {
  if (text.length > MAX_TEXT_LENGTH) {
    throw new RangeError(`chatlint: ${method}(text): the text is ${text.length} UTF-16 units long, more than the ` +
      `${MAX_TEXT_LENGTH} (MAX_TEXT_LENGTH) chatlint checks at once (its WebAssembly memory is limited): split it`);
  }
}
