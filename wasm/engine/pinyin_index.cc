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

constexpr size_t kLongestSyllable = 6;  // zhuang, shuang

}  // namespace

// Longest syllable first, as a backtracking search would choose, but in linear
// time: a backward pass marks the positions from which the rest of the run splits
// into syllables, so the forward pass never tries a dead end twice. ("anan…anq"
// splits into an/a+n at every prefix and never as a whole: backtracking without
// memory was exponential in its length.)
bool PinyinIndex::Segment(std::u32string_view run, std::vector<Syllable>* out) const {
  out->clear();
  const size_t n = run.size();
  if (n == 0) return false;
  std::string letters(n, '\0');
  for (size_t i = 0; i < n; ++i) {
    if (run[i] < 'a' || run[i] > 'z') return false;
    letters[i] = static_cast<char>(run[i]);
  }
  // longest[i]: the longest syllable at i after which the rest splits (0: none).
  std::vector<uint8_t> longest(n + 1, 0);
  std::vector<uint32_t> ids(n + 1, 0);
  std::vector<uint8_t> splits(n + 1, 0);
  splits[n] = 1;
  for (size_t i = n; i-- > 0;) {
    for (size_t len = std::min(kLongestSyllable, n - i); len >= 1; --len) {
      if (!splits[i + len]) continue;
      if (uint32_t id = LookupSyllable(letters.data() + i, len)) {
        longest[i] = static_cast<uint8_t>(len);
        ids[i] = id;
        splits[i] = 1;
        break;
      }
    }
  }
  if (!splits[0]) return false;
  for (size_t i = 0; i < n; i += longest[i])
    out->push_back(Syllable{KeyOfSyllable(ids[i]), longest[i]});
  return true;
}

}  // namespace chatlint
