// PinyinIndex: the toneless pinyin syllable of each Han character, for rules
// that ask for homophones (`homophones: yes`): agents write 薇信/威信 for 微信
// and 扣扣 for QQ, and the platforms catch those too.
//
// Every GB 2312 Han character maps to a syllable id (Unihan kMandarin, first
// reading; the table is generated at build time). Traditional characters reach
// it through the Normalizer's folding to simplified. A word and a message are compared syllable by syllable, so
// 薇信, 威信 and 微信 (all "wei xin") match each other. Latin pinyin ("weixin")
// is produced by Spell() and matched as an ordinary Latin word; inside a message,
// a run of Latin letters that splits into pinyin syllables (Segment) stands for
// the Han characters of those sounds, so 京dong and hao评返xian match too.
#ifndef CHATLINT_PINYIN_INDEX_H_
#define CHATLINT_PINYIN_INDEX_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "unicode_tables.h"

namespace chatlint {

class PinyinIndex {
 public:

  // Syllable id + 1 of a code point, or 0 when it has no reading.
  uint32_t SyllableOf(char32_t cp) const {
    if (cp < kPinyinFirst || cp >= kPinyinEnd) return 0;
    const uint32_t i = cp - kPinyinFirst;
    const uint64_t word = kPinyinBits[i >> 6];
    const uint64_t bit = uint64_t{1} << (i & 63);
    if (!(word & bit)) return 0;
    return kPinyinIds[kPinyinRank[i >> 6] + PopCount(word & (bit - 1))] + 1u;
  }
  // The sound key of a character: a private-use code point per syllable, or
  // the character itself when it has none (digits, Latin letters).
  char32_t SoundKey(char32_t cp) const {
    uint32_t s = SyllableOf(cp);
    if (s) return KeyOfSyllable(s);
    return (cp >= 0xE000 && cp <= 0xF8FF) ? 0xFFFD : cp;
  }
  // Latin pinyin of a word ("微信" -> "weixin"); empty if a Han character has no reading.
  std::string Spell(std::u32string_view word) const;

  // Splits a run of lower-case Latin letters into pinyin syllables ("jingdong" ->
  // jing, dong), the longest syllable first wherever the rest still splits, in
  // time linear in the run's length (any length). Returns false when the run is
  // not pinyin ("vx", "wx"); `out` then holds nothing useful. Consonant-only
  // interjections (m, n, ng, hm) do not count as syllables.
  struct Syllable { uint32_t key; uint32_t length; };
  bool Segment(std::u32string_view run, std::vector<Syllable>* out) const;

  // Sound key of a syllable id + 1 (as returned by SyllableOf).
  // Keys live in the BMP private-use area so the automaton's root table covers them;
  // a private-use character in the message itself never takes part in a match.
  static char32_t KeyOfSyllable(uint32_t syllable) { return static_cast<char32_t>(kKeyBase + syllable); }
  static constexpr char32_t kKeyBase = 0xE000;

 private:
  // Without -mpopcnt (the native build targets plain x86-64) __builtin_popcountll is a
  // call into libgcc, measured at 2% of a check; the bit trick inlines. WebAssembly
  // has the instruction.
  static uint32_t PopCount(uint64_t x) {
#if defined(__POPCNT__) || defined(__wasm__)
    return static_cast<uint32_t>(__builtin_popcountll(x));
#else
    x = x - ((x >> 1) & 0x5555555555555555ull);
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
    return static_cast<uint32_t>((x * 0x0101010101010101ull) >> 56);
#endif
  }
};

}  // namespace chatlint

#endif  // CHATLINT_PINYIN_INDEX_H_
