#include "keyword_automaton.h"

#include <algorithm>
#include <deque>

namespace chatlint {

KeywordAutomaton::KeywordAutomaton() {
  nodes_.emplace_back();
  pending_edges_.emplace_back();
  pending_outputs_.emplace_back();
}

void KeywordAutomaton::Add(std::u32string_view word, uint32_t value) {
  if (word.empty() || built_) return;
  uint32_t state = 0;
  for (char32_t cp : word) {
    auto& edges = pending_edges_[state];
    auto it = std::find_if(edges.begin(), edges.end(), [cp](const Edge& e) { return e.cp == cp; });
    if (it != edges.end()) {
      state = it->next;
      continue;
    }
    uint32_t next = static_cast<uint32_t>(nodes_.size());
    nodes_.emplace_back();
    nodes_.back().depth = nodes_[state].depth + 1;
    pending_edges_.emplace_back();
    pending_outputs_.emplace_back();
    pending_edges_[state].push_back(Edge{cp, next});
    state = next;
  }
  pending_outputs_[state].push_back(Output{value, static_cast<uint32_t>(word.size())});
  ++word_count_;
}

void KeywordAutomaton::Build() {
  if (built_) return;
  built_ = true;
  // Flatten sorted edges.
  for (size_t s = 0; s < nodes_.size(); ++s) {
    auto& e = pending_edges_[s];
    std::sort(e.begin(), e.end(), [](const Edge& a, const Edge& b) { return a.cp < b.cp; });
    nodes_[s].edge_begin = static_cast<uint32_t>(edges_.size());
    edges_.insert(edges_.end(), e.begin(), e.end());
    nodes_[s].edge_end = static_cast<uint32_t>(edges_.size());
  }
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

  // Breadth-first failure links; a state's outputs include its failure chain's.
  std::vector<uint32_t> order;
  order.reserve(nodes_.size());
  std::deque<uint32_t> queue;
  for (uint32_t i = nodes_[0].edge_begin; i < nodes_[0].edge_end; ++i) {
    nodes_[edges_[i].next].fail = 0;
    queue.push_back(edges_[i].next);
  }
  while (!queue.empty()) {
    uint32_t s = queue.front();
    queue.pop_front();
    order.push_back(s);
    for (uint32_t i = nodes_[s].edge_begin; i < nodes_[s].edge_end; ++i) {
      uint32_t child = edges_[i].next;
      char32_t cp = edges_[i].cp;
      uint32_t f = nodes_[s].fail;
      uint32_t target;
      for (;;) {
        target = Step(f, cp);
        if (target != kNoState) break;
        if (f == 0) { target = 0; break; }
        f = nodes_[f].fail;
      }
      nodes_[child].fail = (target == child) ? 0 : target;
      queue.push_back(child);
    }
  }
  // Outputs in BFS order so a failure target's list is complete before it is copied.
  std::vector<std::vector<Output>> merged(nodes_.size());
  for (uint32_t s : order) {
    merged[s] = pending_outputs_[s];
    const auto& inherited = merged[nodes_[s].fail];
    merged[s].insert(merged[s].end(), inherited.begin(), inherited.end());
  }
  for (size_t s = 0; s < nodes_.size(); ++s) {
    nodes_[s].out_begin = static_cast<uint32_t>(outputs_.size());
    outputs_.insert(outputs_.end(), merged[s].begin(), merged[s].end());
    nodes_[s].out_end = static_cast<uint32_t>(outputs_.size());
  }
  pending_edges_.clear();
  pending_edges_.shrink_to_fit();
  pending_outputs_.clear();
  pending_outputs_.shrink_to_fit();
}

size_t KeywordAutomaton::MemoryBytes() const {
  return nodes_.capacity() * sizeof(Node) + edges_.capacity() * sizeof(Edge) +
         outputs_.capacity() * sizeof(Output) + root_blocks_.capacity() * sizeof(uint32_t) + sizeof root_index_;
}

}  // namespace chatlint
