// CompiledRules: the matching tables of one set of rules on one platform, built
// once and shared, read-only, by every Checker of that platform.
//
// What a Checker used to rebuild for itself from the rule strings (every word
// normalized, the literal and sound automata, the pattern programs, the digit
// triggers, the number detectors) is built here once:
//
//   RulePack pack;  ... Deserialize(blob) ...
//   CompiledRulesCache cache(pack);                  // beside the pack
//   std::shared_ptr<const CompiledRules> pdd = cache.Get(Platform::kPdd);
//   Checker::Options opt;
//   opt.platform = Platform::kPdd;
//   opt.compiled = pdd;                              // shared: ~free per checker
//   Checker a(pack, opt), b(pack, opt);
//
// A Checker with custom words or allow words also builds a small CompiledRules
// of its own for just those (CompiledRules::Build over its extra rules), scanned
// in addition to the platform's: the platform's set is never copied or changed.
//
// Tables:
//   entries     what each automaton value means: a rule's word, allowed context,
//               trigger, or a caller's allow word (any rule)
//   literal     KeywordAutomaton over normalized words; sound: over pinyin sound
//               keys of the `homophones: yes` words
//   patterns    each pattern rule's RE2 programs, compiled the first time a
//               message needs one (std::once_flag each), then shared; with each
//               pattern, the literals any match must contain (its prefilter,
//               computed from the parsed regex at the same time), so a triggered
//               pattern whose literals are absent is skipped without running RE2
//   min_digits  per rule, the N of a <digits:N> trigger (0: none)
//   detectors   rules with `detect:` and the number kinds they want
//
// Thread safety. Like an RE2 object: immutable once built, every method const
// and safe from many threads (the lazily compiled patterns are guarded by their
// once_flags and published with release/acquire). CompiledRulesCache::Get is
// thread-safe too: the first caller for a platform builds, others wait for it.
//
// Memory. A CompiledRules refers to the pack's rules (no copy): the pack must
// outlive it (and the cache, and every Checker). A Build over a caller's rules
// refers to the rules it is given (the Checker keeps them).
#ifndef CHATLINT_COMPILED_RULES_H_
#define CHATLINT_COMPILED_RULES_H_

#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "keyword_automaton.h"
#include "number_scanner.h"
#include "rule.h"
#include "rule_pack.h"
#include "status.h"

namespace re2 { class RE2; }

namespace chatlint {

class CompiledRules {
 public:
  // Entry::rule for a caller's allow word: it covers a match of any rule.
  static constexpr uint32_t kAnyRule = 0xFFFFFFFF;

  struct Entry {
    enum Kind : uint8_t { kWord, kAllow, kTrigger, kGlobalAllow };
    uint32_t rule;  // index into rules() (kAnyRule for kGlobalAllow)
    Kind kind;
    bool bounded;  // a short Latin word: needs word boundaries
  };

  // A pattern's prefilter: the literals (normalized code points) any match must
  // contain, as a small and/or tree. Evaluated against the normalized message
  // before RE2 runs.
  struct Prefilter {
    enum Op : uint8_t { kAll, kNone, kAtom, kAnd, kOr };
    struct Node {
      Op op;
      uint32_t atom;                  // kAtom: index into atoms
      std::vector<uint32_t> subs;     // kAnd, kOr: indices into nodes
      // The root and each wide kOr: the CharSet bits of characters one of which any
      // text passing the node holds (an atom's first; an and's most selective sub's; an
      // or's every sub's): none in the message's CharSet, the node fails at once
      // (empty: not computed).
      std::vector<uint64_t> need;
    };
    std::vector<std::u32string> atoms;
    std::vector<Node> nodes;  // nodes[0] is the root; empty: match everything
  };

  // One pattern of a rule: its source, its prefilter (from the parsed regex: cheap,
  // made the first time the rule is triggered) and its RE2 (compiled the first time
  // the prefilter lets a message through), each under its own once_flag.
  struct Pattern {
    std::string source;
    mutable std::once_flag prefilter_once, re_once;
    mutable std::atomic<bool> prefilter_ready{false}, re_ready{false};
    mutable std::unique_ptr<Prefilter> prefilter;  // written once; null: none (always run)
    mutable std::unique_ptr<re2::RE2> re;          // written once
  };
  struct PatternRule {
    uint32_t rule = 0;
    size_t count = 0;
    // Shared by the CompiledRules of every platform the rule applies to, when built
    // by one CompiledRulesCache: a pattern is compiled (and its DFA cache filled) once.
    std::shared_ptr<Pattern[]> patterns;
  };
  struct DetectRule { uint32_t rule; uint32_t kinds; };

  // Builds the tables of `rules` (in order: rule i of the set is rules[i]) on
  // `platform`, and of `allow_words` (a caller's words that are always fine).
  // On a rule or word that cannot be used (a word empty after normalization, an
  // unknown detector) returns null and sets *status; the error names the rule.
  //
  // `shared_patterns` (optional; the caller serializes access to it) keeps each
  // rule's patterns across builds: a rule on several platforms gets the same
  // Pattern objects in each platform's set.
  using PatternStore = std::unordered_map<const Rule*, std::shared_ptr<Pattern[]>>;
  static std::shared_ptr<const CompiledRules> Build(const std::vector<const Rule*>& rules, Platform platform,
                                                    const std::vector<std::string>& allow_words, Status* status,
                                                    PatternStore* shared_patterns = nullptr);

  CompiledRules(const CompiledRules&) = delete;
  CompiledRules& operator=(const CompiledRules&) = delete;
  ~CompiledRules();

  Platform platform() const { return platform_; }
  const std::vector<const Rule*>& rules() const { return rules_; }
  const std::vector<Entry>& entries() const { return entries_; }
  const KeywordAutomaton& literal() const { return literal_; }
  const KeywordAutomaton& sound() const { return sound_; }
  bool has_sound() const { return has_sound_; }
  // True when `text` may hold a sound match: a run of at least min_sound_len
  // characters that can each stand for a key of a sound word (a Han character of a
  // sound word's syllable, a Latin letter, or a non-Han key itself). Most replies
  // have none, and the sound pass is skipped.
  bool MaySound(std::u32string_view text) const {
    size_t run = 0;
    for (char32_t c : text) {
      const bool relevant = c >= 0x10000 || ((sound_chars_[c >> 6] >> (c & 63)) & 1);
      run = relevant ? run + 1 : 0;
      if (run >= min_sound_len_) return true;
    }
    return false;
  }
  const std::vector<PatternRule>& patterns() const { return patterns_; }
  const std::vector<int>& min_digits() const { return min_digits_; }
  // Per rule: its index in patterns() (-1: no patterns). And the pattern rules with a
  // <digits:N> trigger, in order.
  int32_t pattern_of_rule(uint32_t rule) const { return pattern_of_rule_[rule]; }
  const std::vector<uint32_t>& digit_patterns() const { return digit_patterns_; }
  const std::vector<DetectRule>& detectors() const { return detectors_; }
  uint32_t detect_kinds() const { return detect_kinds_; }
  bool empty() const { return rules_.empty() && entries_.empty(); }

  // The pattern's prefilter (null: none, run the pattern whenever its rule is
  // triggered) and its RE2 (null if it does not compile), each made on first use.
  // Thread-safe.
  static const Prefilter* GetPrefilter(const Pattern& p);
  static const re2::RE2* GetRe(const Pattern& p);
  static bool Compiled(const Pattern& p) { return p.re_ready.load(std::memory_order_acquire); }
  // Which code points a text holds, approximately (a 1024-bit Bloom filter, one
  // hash): "absent" is certain, so an atom with an absent character is absent
  // without searching for it.
  struct CharSet {
    uint64_t bits[16] = {};
    void Fill(std::u32string_view text) {
      for (uint64_t& b : bits) b = 0;
      for (char32_t c : text) Add(c);
    }
    bool MayHave(char32_t c) const { return (bits[(c >> 6) & 15] >> (c & 63)) & 1; }
    void Add(char32_t c) { bits[(c >> 6) & 15] |= uint64_t{1} << (c & 63); }
    bool Intersects(const uint64_t* other) const {
      uint64_t x = 0;
      for (int i = 0; i < 16; ++i) x |= bits[i] & other[i];
      return x != 0;
    }
  };
  // True when the prefilter lets `text` (normalized; `chars` its CharSet) through:
  // the pattern may match.
  static bool MayMatch(const Prefilter* pf, std::u32string_view text, const CharSet& chars);
  static bool MayMatch(const Prefilter* pf, std::u32string_view text) {
    CharSet chars;
    chars.Fill(text);
    return MayMatch(pf, text, chars);
  }

  // Compiles up to *budget patterns no message has needed yet (taking each off
  // *budget); returns how many remain. Thread-safe.
  size_t Warm(size_t* budget) const;

 private:
  CompiledRules() = default;
  Status AddRule(const Rule& rule, uint32_t index, const std::string& where);

  Platform platform_ = Platform::kGeneric;
  std::vector<const Rule*> rules_;
  std::vector<Entry> entries_;
  KeywordAutomaton literal_;
  KeywordAutomaton sound_;
  bool has_sound_ = false;
  std::vector<uint64_t> sound_chars_;  // BMP bitset: may stand for a key of a sound word
  size_t min_sound_len_ = 0;           // the shortest sound word, in keys
  std::vector<PatternRule> patterns_;
  std::vector<int> min_digits_;
  std::vector<int32_t> pattern_of_rule_;
  std::vector<uint32_t> digit_patterns_;
  std::vector<DetectRule> detectors_;
  uint32_t detect_kinds_ = 0;
};

// The CompiledRules of each platform of one pack, built on first request and then
// handed out to every caller (thread-safe). Lives beside the pack (which must
// outlive it and everything it handed out).
class CompiledRulesCache {
 public:
  explicit CompiledRulesCache(const RulePack& pack) : pack_(pack) {}
  CompiledRulesCache(const CompiledRulesCache&) = delete;
  CompiledRulesCache& operator=(const CompiledRulesCache&) = delete;

  // The platform's rules of the pack, compiled; null (and *status set, if given)
  // when the pack has a rule that cannot be used.
  std::shared_ptr<const CompiledRules> Get(Platform platform, Status* status = nullptr);

  const RulePack& pack() const { return pack_; }

 private:
  const RulePack& pack_;
  std::mutex mu_;
  std::array<std::shared_ptr<const CompiledRules>, kPlatformCount> sets_;
  std::array<Status, kPlatformCount> errors_;
  std::array<bool, kPlatformCount> built_{};
  CompiledRules::PatternStore patterns_;  // shared by the platforms' sets (under mu_)
};

}  // namespace chatlint

#endif  // CHATLINT_COMPILED_RULES_H_
