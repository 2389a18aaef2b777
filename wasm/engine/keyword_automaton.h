// KeywordAutomaton: Aho-Corasick over code points, for every literal word of
// every rule at once (one pass over the message, whatever the number of words).
//
//   KeywordAutomaton ac;
//   ac.Add(U"微信", 7);          // value 7: the caller's id for this word
//   ac.Add(U"信", 8);
//   ac.Build();
//   ac.Scan(U"加微微信", [](size_t begin, size_t end, uint32_t value) { ... });
//   // reports (1, 4, 7) and (3, 4, 8): every occurrence, overlapping ones included
//
// Repeated characters are tolerated: inside a partial match, a code point equal
// to the previous one that the automaton cannot take is skipped, so 微微信 and
// 淘淘宝 match 微信 and 淘宝, and the reported span covers the repeat. Digits are
// never skipped (1388 must not match 138), nor is a repeat right after a whole
// word (a one-character word 滚 twice is two matches).
//
// The root keeps a two-level table over the BMP (most characters of a message
// start no word and cost two loads; only the 256-character blocks that start a
// word are allocated); other states keep sorted edge lists. After Build()
// the automaton is immutable and Scan() is const and thread-safe.
#ifndef CHATLINT_KEYWORD_AUTOMATON_H_
#define CHATLINT_KEYWORD_AUTOMATON_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chatlint {

class KeywordAutomaton {
 public:
  KeywordAutomaton();
  KeywordAutomaton(const KeywordAutomaton&) = delete;
  KeywordAutomaton& operator=(const KeywordAutomaton&) = delete;
  KeywordAutomaton(KeywordAutomaton&&) = default;
  KeywordAutomaton& operator=(KeywordAutomaton&&) = default;

  // Adds a word (ignored if empty). The same word may carry several values.
  void Add(std::u32string_view word, uint32_t value);
  // Computes failure links and outputs; call once, after the last Add().
  void Build();

  size_t word_count() const { return built_ ? outputs_.size() : pending_.size(); }
  size_t state_count() const { return nodes_.size(); }

  // Calls on_match(begin, end, value) for every occurrence; [begin, end) are
  // indices into text. `skipped` is scratch space (reuse it across calls).
  template <typename Fn>
  void Scan(std::u32string_view text, std::vector<uint32_t>* skipped, Fn&& on_match) const;

 private:
  struct Edge { char32_t cp; uint32_t next; };
  struct Node {
    uint32_t fail = 0;
    uint32_t dict = 0;  // nearest state on the failure chain with outputs of its own (0: none)
    uint32_t edge_begin = 0, edge_end = 0;  // into edges_
    uint32_t out_begin = 0, out_end = 0;    // this state's own outputs, into outputs_
  };
  struct Output { uint32_t value; uint32_t length; };

  uint32_t Step(uint32_t state, char32_t cp) const;  // -1 when no edge
  uint32_t Next(uint32_t state, char32_t cp) const;  // with failure links

  std::vector<Node> nodes_;
  std::vector<Edge> edges_;
  std::vector<Output> outputs_;
  uint16_t root_index_[256] = {};     // BMP block -> 1 + block number in root_blocks_, 0: none
  std::vector<uint32_t> root_blocks_;  // 256 states per allocated block (0: no edge)
  // Build-time only: the words, flattened (few allocations, whatever their number).
  std::u32string pending_chars_;
  struct PendingWord { uint32_t begin, length, value; };
  std::vector<PendingWord> pending_;
  bool built_ = false;
};

constexpr uint32_t kNoState = 0xFFFFFFFF;

inline uint32_t KeywordAutomaton::Step(uint32_t state, char32_t cp) const {
  if (state == 0 && cp < 0x10000) {
    const uint16_t block = root_index_[cp >> 8];
    if (block == 0) return kNoState;
    const uint32_t next = root_blocks_[(static_cast<uint32_t>(block - 1) << 8) | (cp & 0xFF)];
    return next ? next : kNoState;
  }
  const Node& n = nodes_[state];
  uint32_t lo = n.edge_begin, hi = n.edge_end;
  while (lo < hi) {
    uint32_t mid = (lo + hi) >> 1;
    if (edges_[mid].cp < cp) lo = mid + 1; else hi = mid;
  }
  return (lo < n.edge_end && edges_[lo].cp == cp) ? edges_[lo].next : kNoState;
}

inline uint32_t KeywordAutomaton::Next(uint32_t state, char32_t cp) const {
  for (;;) {
    uint32_t s = Step(state, cp);
    if (s != kNoState) return s;
    if (state == 0) return 0;
    state = nodes_[state].fail;
  }
}

template <typename Fn>
void KeywordAutomaton::Scan(std::u32string_view text, std::vector<uint32_t>* skipped,
                            Fn&& on_match) const {
  if (nodes_.size() <= 1) return;
  // The indices of the characters skipped as repeats (rare), in order: a match of
  // `length` characters ending at i begins at i + 1 - length, one further back for
  // each skipped index inside it.
  skipped->clear();
  uint32_t state = 0;
  char32_t prev = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char32_t cp = text[i];
    if (state != 0 && cp == prev && !(cp >= '0' && cp <= '9') && nodes_[state].out_begin == nodes_[state].out_end &&
        Step(state, cp) == kNoState) {
      skipped->push_back(static_cast<uint32_t>(i));
      continue;  // a repeated character inside a partial match: 微微信 (after a whole word, 甲甲 is two)
    }
    prev = cp;
    state = Next(state, cp);
    // This state's own words, then those of the states its failure chain leads to.
    for (uint32_t t = nodes_[state].out_begin != nodes_[state].out_end ? state : nodes_[state].dict; t != 0;
         t = nodes_[t].dict) {
      const Node& n = nodes_[t];
      for (uint32_t o = n.out_begin; o < n.out_end; ++o) {
        const Output& out = outputs_[o];
        size_t begin = i + 1 - out.length;
        for (size_t j = skipped->size(); j > 0 && (*skipped)[j - 1] >= begin; --j) --begin;
        on_match(begin, i + 1, out.value);
      }
    }
  }
}

}  // namespace chatlint

#endif  // CHATLINT_KEYWORD_AUTOMATON_H_
