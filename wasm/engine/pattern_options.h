// The RE2 options every rule pattern is compiled with, by the pack validation
// (rulec) and by the Checker alike, so a pattern that compiles at build time
// compiles at run time.
//
// max_mem bounds each regex's program plus its DFA cache. RE2's default (8 MB
// per regex) would let 140 patterns' caches grow the WebAssembly heap past what
// a chat page should spend; replies are short, so a small cache holds the few
// DFA states they reach. Measured (issue 11): 2 MB -> 1 MB took the wasm heap after
// the labelled corpus on three platforms from 12.2 to 10.1 MB with the same
// findings and the same speed on real replies; the labelled corpus, where most
// replies trigger patterns, got 20% slower (5.0 -> 6.0 us per reply in wasm), and
// the worst case (a 1 MB paste that triggers most patterns) stays at 6-6.7x
// ordinary text per KB; 512 KB saved nothing more.
#ifndef CHATLINT_PATTERN_OPTIONS_H_
#define CHATLINT_PATTERN_OPTIONS_H_

#include "re2/re2.h"

namespace chatlint {

constexpr int64_t kPatternMaxMem = 1 << 20;

inline RE2::Options PatternOptions() {
  RE2::Options opt;
  opt.set_log_errors(false);
  opt.set_max_mem(kPatternMaxMem);
  return opt;
}

}  // namespace chatlint

#endif  // CHATLINT_PATTERN_OPTIONS_H_
