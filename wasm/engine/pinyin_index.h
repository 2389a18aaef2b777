// PinyinIndex: the toneless pinyin syllable of each Han character, for rules
// that ask for homophones (`homophones: yes`): agents write 薇信/威信 for 微信
// and 扣扣 for QQ, and the platforms catch those too.
//
// Every Han character with a Unihan kMandarin reading maps to a syllable id
// (first reading). A word and a message are compared syllable by syllable, so
// 薇信, 威信 and 微信 (all "wei xin") match each other. Latin pinyin ("weixin")
// is produced by Spell() and matched as an ordinary Latin word.
#ifndef CHATLINT_PINYIN_INDEX_H_
#define CHATLINT_PINYIN_INDEX_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chatlint {

class PinyinIndex {
 public:
  PinyinIndex();

  // Syllable id + 1 of a code point, or 0 when it has no reading.
  uint32_t SyllableOf(char32_t cp) const {
    return cp < 0x10000 ? bmp_[cp] : AstralSyllable(cp);
  }
  // The sound key of a character: a private-use code point per syllable, or
  // the character itself when it has none (digits, Latin letters).
  char32_t SoundKey(char32_t cp) const {
    uint32_t s = SyllableOf(cp);
    return s ? static_cast<char32_t>(0xF0000 + s) : cp;
  }
  // Latin pinyin of a word ("微信" -> "weixin"); empty if a Han character has no reading.
  std::string Spell(std::u32string_view word) const;

 private:
  uint32_t AstralSyllable(char32_t cp) const;
  std::vector<uint16_t> bmp_;
};

}  // namespace chatlint

#endif  // CHATLINT_PINYIN_INDEX_H_
