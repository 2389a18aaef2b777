#include "pinyin_index.h"

#include <algorithm>
#include <cstring>

#include "unicode_tables.h"
#include "utf.h"

namespace chatlint {

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

namespace {

// Syllable id + 1 of an ASCII syllable, 0 when there is none (kSyllables is sorted).
uint32_t LookupSyllable(const char* s, size_t n) {
  size_t lo = 0, hi = kSyllableCount;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int c = std::strncmp(kSyllables[mid], s, n);
    if (c == 0 && kSyllables[mid][n] != '\0') c = 1;
    if (c < 0) lo = mid + 1; else hi = mid;
  }
  if (lo < kSyllableCount && std::strncmp(kSyllables[lo], s, n) == 0 && kSyllables[lo][n] == '\0') {
    const char* syl = kSyllables[lo];
    // Interjections written with consonants only (m, n, ng, hm, hng) are not syllables here.
    if (std::strpbrk(syl, "aeiouv") == nullptr) return 0;
    return static_cast<uint32_t>(lo + 1);
  }
  return 0;
}

bool SegmentFrom(const char* s, size_t n, size_t pos, std::vector<PinyinIndex::Syllable>* out) {
  if (pos == n) return true;
  constexpr size_t kLongest = 6;  // zhuang, shuang
  for (size_t len = std::min(kLongest, n - pos); len >= 1; --len) {
    uint32_t id = LookupSyllable(s + pos, len);
    if (!id) continue;
    out->push_back(PinyinIndex::Syllable{PinyinIndex::KeyOfSyllable(id), static_cast<uint32_t>(len)});
    if (SegmentFrom(s, n, pos + len, out)) return true;
    out->pop_back();
  }
  return false;
}

}  // namespace

bool PinyinIndex::Segment(std::u32string_view run, std::vector<Syllable>* out) const {
  out->clear();
  char buf[64];
  if (run.empty() || run.size() > sizeof buf) return false;
  for (size_t i = 0; i < run.size(); ++i) {
    if (run[i] < 'a' || run[i] > 'z') return false;
    buf[i] = static_cast<char>(run[i]);
  }
  return SegmentFrom(buf, run.size(), 0, out);
}

}  // namespace chatlint
