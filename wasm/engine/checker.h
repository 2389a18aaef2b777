// Checker: checks chat replies against the rules of one platform.
//
// This is the engine's entry point. One message goes through:
//
//   Normalizer        full-width, case, traditional, digits, separators dropped;
//                     an OffsetMap leads back to the original text
//   KeywordAutomaton  every literal word, allowed context and trigger of every
//                     rule, in one pass; a second automaton over pinyin sound
//                     keys for rules with `homophones: yes`
//   RE2               pattern rules, run only when one of their triggers was
//                     seen (a literal, or a run of N digits)
//   NumberScanner     phone numbers, split where separators stood (`detect:`)
//   allowed contexts  a match covered by one of its rule's allowed contexts
//                     (最近 covers 最) or by a caller's allow word is dropped
//   overlaps          within a category, the longest, then most severe, match
//                     wins; no duplicates (categories may overlap: 加我微信)
//   findings          spans in UTF-16 code units (and bytes for UTF-8 input)
//
// Usage:
//   RulePack pack;  ... LoadSources("rules") or Deserialize(blob) ...
//   Checker::Options opt;
//   opt.platform = Platform::kPdd;
//   Checker checker(pack, opt);
//   if (!checker.ok()) { puts(checker.error().c_str()); }
//   std::vector<Finding> findings;
//   checker.Check(u8"加我微信", &findings);
//   const Rule& rule = checker.rule(findings[0]);   // offsite.wechat ...
//
// A Checker refers to the pack's rules (no copy): the pack must outlive it. It
// is not copyable (automata and RE2 objects are heavy). Check() reuses internal
// scratch buffers: use one Checker per thread.
#ifndef CHATLINT_CHECKER_H_
#define CHATLINT_CHECKER_H_

#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "keyword_automaton.h"
#include "normalizer.h"
#include "number_scanner.h"
#include "pinyin_index.h"
#include "rule.h"
#include "rule_pack.h"
#include "status.h"

namespace re2 { class RE2; }

namespace chatlint {

struct Finding {
  uint32_t start = 0, end = 0;            // UTF-16 code units of the original text
  uint32_t byte_start = 0, byte_end = 0;  // bytes of the original (UTF-8 input only)
  uint32_t rule_index = 0;                // Checker::rules()[rule_index]
  std::string suggestion;                 // resolved ({masked} filled in)
  bool fixable = false;                   // fix() puts `suggestion` in place of the match
};

class Checker {
 public:
  struct Options {
    Platform platform = Platform::kGeneric;
    // Extra rules from the caller (custom words); validated like pack rules.
    std::vector<Rule> extra_rules;
    // Words that are always fine: a finding they cover is dropped.
    std::vector<std::string> allow_words;
    // See each rule on its own: overlaps between rules are kept, overlaps within one rule are
    // resolved (longest first), as if the rule were the only one. Used to test each rule on its
    // own examples.
    bool keep_overlaps = false;
  };

  Checker(const RulePack& pack, const Options& options);
  ~Checker();
  Checker(const Checker&) = delete;
  Checker& operator=(const Checker&) = delete;

  bool ok() const { return status_.ok(); }
  const std::string& error() const { return status_.error(); }

  // Findings in order of start. `out` is cleared first. Any text is checked
  // (invalid UTF-8 and lone surrogates count as U+FFFD), in time linear in its
  // length; the one error is a message too long for 32-bit offsets (more than
  // kMaxMessageUnits bytes or UTF-16 units): it is refused, not wrapped.
  Status Check(std::string_view utf8, std::vector<Finding>* out);
  Status Check(std::u16string_view utf16, std::vector<Finding>* out);

  // Applies every fixable finding (where fixable findings overlap, the longest
  // is applied); `applied` (optional) receives the findings that were applied, in
  // order of start. A message Check() refuses comes back unchanged, with nothing
  // applied and the reason in `status` (optional).
  std::string Fix(std::string_view utf8, std::vector<Finding>* applied, Status* status = nullptr);
  std::u16string Fix(std::u16string_view utf16, std::vector<Finding>* applied, Status* status = nullptr);

  // The longest message Check() takes, in bytes (UTF-8) or code units (UTF-16):
  // findings carry 32-bit offsets.
  static constexpr uint64_t kMaxMessageUnits = 0xFFFFFFFFu;

  // Compiles up to `budget` patterns that no message has needed yet (patterns
  // compile lazily; a caller with idle time can pay for them early). Returns how
  // many remain.
  size_t Warm(size_t budget);

  // The rules in force, in pack order (custom rules last).
  const std::vector<const Rule*>& rules() const { return rules_; }
  const Rule& rule(const Finding& f) const { return *rules_[f.rule_index]; }
  // The finding's message as this platform words it (message.<platform>, else message).
  const std::string& message(const Finding& f) const { return rule(f).MessageOn(platform_); }
  Platform platform() const { return platform_; }

  // The distinct spans (bytes of `utf8`, in order) of the findings of the rule
  // `rule_id` in `utf8`: what a marked flag example of that rule must mark (on a
  // checker with keep_overlaps, which sees each rule on its own).
  std::vector<ExampleSpan> RuleSpans(std::string_view utf8, std::string_view rule_id);

  // Runs every rule's own examples on every platform it applies to: a `flag`
  // example must carry 【】 marks and the rule must report exactly those spans
  // (require_marks = false: an unmarked one need only be flagged, for rulec
  // --annotate-examples), a `clean` one must not be flagged. The error names file,
  // line, rule, field and platform.
  static Status VerifyExamples(const RulePack& pack, bool require_marks = true);

 private:
  struct Entry;
  struct Candidate { uint32_t begin, end, rule; };
  struct Span { uint32_t begin, end, rule; };
  struct PatternRule;

  Status AddRule(const Rule& rule);
  std::u32string NormalizeWord(std::string_view word);
  void Collect(const NormalizedText& nt);
  void Resolve(const NormalizedText& nt, std::vector<Finding>* out);
  std::string Resolved(const Rule& rule, const NormalizedText& nt, uint32_t begin, uint32_t end) const;

  Status status_;
  Platform platform_;
  bool keep_overlaps_;
  Normalizer normalizer_;
  PinyinIndex pinyin_;
  std::vector<const Rule*> rules_;
  std::deque<Rule> own_rules_;  // copies of Options::extra_rules (stable addresses)
  std::vector<Entry> entries_;
  KeywordAutomaton literal_;
  KeywordAutomaton sound_;  // homophone words, over pinyin sound keys
  bool has_sound_ = false;
  std::vector<std::unique_ptr<PatternRule>> patterns_;
  std::vector<uint32_t> active_;  // scratch: pattern rules whose trigger fired
  std::vector<int> min_digits_;  // per rule: <digits:N> trigger, 0 if none
  struct DetectRule { uint32_t rule; uint32_t kinds; };
  std::vector<DetectRule> detectors_;  // rules with `detect:`
  uint32_t detect_kinds_ = 0;          // union of their kinds

  // Scratch, reused by every Check().
  NormalizedText nt_;
  std::u32string sound_text_;
  std::vector<uint32_t> sound_origin_;  // sound_text_[i] stands for chars [origin[i], origin[i+1])
  std::vector<PinyinIndex::Syllable> syllables_;
  std::vector<uint32_t> positions_;
  std::vector<Candidate> candidates_;
  std::vector<Span> allowed_;
  std::vector<uint8_t> triggered_;
  std::string utf8_;
  std::vector<uint32_t> byte_to_char_;
  std::vector<uint32_t> number_bounds_;
  std::vector<NumberScanner::Match> numbers_;
};

}  // namespace chatlint

#endif  // CHATLINT_CHECKER_H_
