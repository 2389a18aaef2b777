// Helpers shared by the native benchmarks (worst_case.cc, memory_native.cc):
// the corpus replies, a deterministic random generator, UTF-8/UTF-16 encoding,
// and the built-in pdd/generic checker. Kept apart from the engine's own UTF
// helpers on purpose: the benchmarks must generate hostile text (lone
// surrogates) the way a caller would, not the way the engine decodes it.
#ifndef CHATLINT_BENCH_UTIL_H_
#define CHATLINT_BENCH_UTIL_H_

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "checker.h"
#include "embedded_rules.h"
#include "rule_pack.h"
#include "utf.h"

namespace chatlint_bench {

#ifndef CHATLINT_SOURCE_DIR
#define CHATLINT_SOURCE_DIR "."
#endif
constexpr const char* kDefaultCorpus = CHATLINT_SOURCE_DIR "/tests/data/corpus.tsv";

// The reply texts of tests/data/corpus.tsv (platform TAB expected TAB text), in file order.
inline std::vector<std::string> ReadCorpusReplies(const std::string& path) {
  std::vector<std::string> out;
  std::ifstream in(path, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t a = line.find('\t');
    size_t b = a == std::string::npos ? a : line.find('\t', a + 1);
    if (b == std::string::npos || b + 1 >= line.size()) continue;
    out.push_back(line.substr(b + 1));
  }
  return out;
}

// splitmix64: deterministic everywhere, so every run (and the dump the JS
// benchmark reads) sees the same messages.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  uint32_t Below(uint32_t n) { return static_cast<uint32_t>(Next() % n); }
  template <typename T> const T& Pick(const std::vector<T>& v) { return v[Below(static_cast<uint32_t>(v.size()))]; }

 private:
  uint64_t s_;
};

using chatlint::AppendUtf8;  // the engine's own UTF encoders (utf.h), not copies

// UTF-16 -> UTF-8 with every lone surrogate as U+FFFD (what Buffer.byteLength
// and TextEncoder count in JavaScript: 3 bytes each).
inline std::string Utf8FromUtf16Lossy(std::u16string_view s) {
  std::string out;
  chatlint::DecodeUtf16(s, [&](const chatlint::DecodedChar& d) { AppendUtf8(d.cp, &out); });
  return out;
}

inline std::u16string Utf16FromUtf8Valid(std::string_view s) { return chatlint::Utf16FromUtf8(s); }

// The built-in (embedded) rule pack, loaded once.
inline const chatlint::RulePack& EmbeddedPack() {
  static chatlint::RulePack* pack = [] {
    auto* p = new chatlint::RulePack;
    chatlint::Status s = p->Deserialize(chatlint::EmbeddedRulePack());
    if (!s.ok()) {
      std::fprintf(stderr, "loading the embedded rule pack: %s\n", s.error().c_str());
      std::exit(2);
    }
    return p;
  }();
  return *pack;
}

inline std::unique_ptr<chatlint::Checker> MakeChecker(chatlint::Platform platform) {
  chatlint::Checker::Options opt;
  opt.platform = platform;
  auto c = std::make_unique<chatlint::Checker>(EmbeddedPack(), opt);
  if (!c->ok()) {
    std::fprintf(stderr, "building the checker: %s\n", c->error().c_str());
    std::exit(2);
  }
  return c;
}

}  // namespace chatlint_bench

#endif  // CHATLINT_BENCH_UTIL_H_
