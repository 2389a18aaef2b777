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

constexpr size_t kLongestSyllable = 6;  // zhuang, shuang

// The syllables as a trie over a-z, built once: segmenting walks it letter by
// letter (at most 6 steps from each position) instead of a binary search over
// strings for every candidate length. (The tables give 400-odd syllables: a few
// hundred nodes.)
class SyllableTrie {
 public:
  SyllableTrie() {
    nodes_.emplace_back();
    for (size_t i = 0; i < kSyllableCount; ++i) {
      const char* syl = kSyllables[i];
      // Interjections written with consonants only (m, n, ng, hm, hng) are not syllables here.
      if (std::strpbrk(syl, "aeiouv") == nullptr) continue;
      uint32_t node = 0;
      for (const char* p = syl; *p; ++p) {
        const int c = *p - 'a';
        if (c < 0 || c >= 26) { node = kNone; break; }
        if (nodes_[node].next[c] == 0) {
          nodes_[node].next[c] = static_cast<uint16_t>(nodes_.size());
          nodes_.emplace_back();
        }
        node = nodes_[node].next[c];
      }
      if (node != kNone) nodes_[node].syllable = static_cast<uint16_t>(i + 1);
    }
  }
  // Calls fn(length, syllable id + 1) for every syllable that starts `s`, shortest first.
  template <typename Fn>
  void Prefixes(const char* s, size_t n, Fn&& fn) const {
    uint32_t node = 0;
    for (size_t len = 1; len <= n && len <= kLongestSyllable; ++len) {
      node = nodes_[node].next[s[len - 1] - 'a'];
      if (node == 0) return;
      if (nodes_[node].syllable) fn(len, nodes_[node].syllable);
    }
  }

 private:
  static constexpr uint32_t kNone = 0xFFFFFFFF;
  struct Node {
    uint16_t next[26] = {};
    uint16_t syllable = 0;
  };
  std::vector<Node> nodes_;
};

const SyllableTrie& Trie() {
  static const SyllableTrie* trie = new SyllableTrie();
  return *trie;
}

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
  // Scratch reused across calls (a Checker calls this for every Latin run).
  thread_local std::string letters;
  thread_local std::vector<Syllable> best;  // best[i]: longest syllable at i after which the rest splits
  letters.resize(n);
  for (size_t i = 0; i < n; ++i) {
    if (run[i] < 'a' || run[i] > 'z') return false;
    letters[i] = static_cast<char>(run[i]);
  }
  best.assign(n + 1, Syllable{0, 0});
  best[n].length = 1;  // the end: "splits" trivially
  const SyllableTrie& trie = Trie();
  for (size_t i = n; i-- > 0;) {
    trie.Prefixes(letters.data() + i, n - i, [&](size_t len, uint32_t id) {
      if (best[i + len].length != 0) best[i] = Syllable{id, static_cast<uint32_t>(len)};  // later = longer
    });
  }
  if (best[0].length == 0) return false;
  for (size_t i = 0; i < n; i += best[i].length) out->push_back(Syllable{KeyOfSyllable(best[i].key), best[i].length});
  return true;
}

}  // namespace chatlint
