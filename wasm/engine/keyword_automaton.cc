#include "keyword_automaton.h"

#include <algorithm>

namespace chatlint {

KeywordAutomaton::KeywordAutomaton() { nodes_.emplace_back(); }

void KeywordAutomaton::Add(std::u32string_view word, uint32_t value) {
  if (word.empty() || built_) return;
  pending_.push_back(PendingWord{static_cast<uint32_t>(pending_chars_.size()), static_cast<uint32_t>(word.size()), value});
  pending_chars_.append(word);
}

// Building from the words in sorted order makes the trie without lookups: a word
// shares its path with the previous one up to their common prefix, and every
// node's children are created in increasing code point order.
void KeywordAutomaton::Build() {
  if (built_) return;
  built_ = true;
  const char32_t* chars = pending_chars_.data();
  auto word = [&](const PendingWord& w) { return std::u32string_view(chars + w.begin, w.length); };
  std::sort(pending_.begin(), pending_.end(),
            [&](const PendingWord& a, const PendingWord& b) { return word(a) < word(b); });

  struct Link { uint32_t parent; char32_t cp; uint32_t child; };
  struct Own { uint32_t state; Output out; };
  std::vector<Link> links;
  std::vector<Own> own;
  links.reserve(pending_chars_.size());
  own.reserve(pending_.size());
  nodes_.reserve(pending_chars_.size() + 1);
  std::vector<uint32_t> path{0};  // path[k]: state after k chars of the previous word
  std::u32string_view prev;
  for (const PendingWord& w : pending_) {
    const std::u32string_view cur = word(w);
    size_t common = 0;
    while (common < prev.size() && common < cur.size() && prev[common] == cur[common]) ++common;
    path.resize(common + 1);
    for (size_t k = common; k < cur.size(); ++k) {
      const uint32_t child = static_cast<uint32_t>(nodes_.size());
      nodes_.emplace_back();
      links.push_back(Link{path[k], cur[k], child});
      path.push_back(child);
    }
    own.push_back(Own{path[cur.size()], Output{w.value, w.length}});
    prev = cur;
  }

  // Edges and outputs grouped by state (counting sort keeps each group's order).
  const size_t n = nodes_.size();
  std::vector<uint32_t> start(n + 1, 0);
  for (const Link& l : links) ++start[l.parent + 1];
  for (size_t i = 0; i < n; ++i) start[i + 1] += start[i];
  edges_.resize(links.size());
  for (size_t i = 0; i < n; ++i) { nodes_[i].edge_begin = start[i]; nodes_[i].edge_end = start[i]; }
  for (const Link& l : links) edges_[nodes_[l.parent].edge_end++] = Edge{l.cp, l.child};
  std::fill(start.begin(), start.end(), 0);
  for (const Own& o : own) ++start[o.state + 1];
  for (size_t i = 0; i < n; ++i) start[i + 1] += start[i];
  outputs_.resize(own.size());
  for (size_t i = 0; i < n; ++i) { nodes_[i].out_begin = start[i]; nodes_[i].out_end = start[i]; }
  for (const Own& o : own) outputs_[nodes_[o.state].out_end++] = o.out;

  for (uint32_t i = nodes_[0].edge_begin; i < nodes_[0].edge_end; ++i) {
    const char32_t cp = edges_[i].cp;
    if (cp >= 0x10000) continue;
    uint16_t& block = root_index_[cp >> 8];
    if (block == 0) {
      root_blocks_.resize(root_blocks_.size() + 256, 0);
      block = static_cast<uint16_t>(root_blocks_.size() / 256);
    }
    root_blocks_[(static_cast<uint32_t>(block - 1) << 8) | (cp & 0xFF)] = edges_[i].next;
  }

  // Breadth-first failure and dictionary links.
  std::vector<uint32_t> queue;
  queue.reserve(n);
  for (uint32_t i = nodes_[0].edge_begin; i < nodes_[0].edge_end; ++i) queue.push_back(edges_[i].next);
  for (size_t head = 0; head < queue.size(); ++head) {
    const uint32_t s = queue[head];
    for (uint32_t i = nodes_[s].edge_begin; i < nodes_[s].edge_end; ++i) {
      const uint32_t child = edges_[i].next;
      const char32_t cp = edges_[i].cp;
      uint32_t f = nodes_[s].fail, target;
      for (;;) {
        target = Step(f, cp);
        if (target != kNoState) break;
        if (f == 0) { target = 0; break; }
        f = nodes_[f].fail;
      }
      Node& c = nodes_[child];
      c.fail = target;
      const Node& t = nodes_[target];
      c.dict = target != 0 && t.out_begin != t.out_end ? target : t.dict;
      queue.push_back(child);
    }
  }
  pending_.clear();
  pending_.shrink_to_fit();
  pending_chars_.clear();
  pending_chars_.shrink_to_fit();
}

}  // namespace chatlint
