#include "pinyin_index.h"

#include "unicode_tables.h"
#include "utf.h"

namespace chatlint {

PinyinIndex::PinyinIndex() : bmp_(0x10000, 0) {
  for (size_t i = 0; i < kPinyinCount; ++i)
    if (kPinyin[i].key < 0x10000) bmp_[kPinyin[i].key] = static_cast<uint16_t>(kPinyin[i].value + 1);
}

uint32_t PinyinIndex::AstralSyllable(char32_t cp) const {
  uint32_t v;
  return LookupPair(kPinyin, kPinyinCount, cp, &v) ? v + 1 : 0;
}

std::string PinyinIndex::Spell(std::u32string_view word) const {
  std::string out;
  for (char32_t c : word) {
    uint32_t s = SyllableOf(c);
    if (s) {
      out += kSyllables[s - 1];
    } else if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else {
      return std::string();
    }
  }
  return out;
}

}  // namespace chatlint
