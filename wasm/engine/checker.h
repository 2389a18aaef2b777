// Checker: checks chat replies against the rules of one platform.
//
// This is the engine's entry point. A Checker checks any number of messages
// against the rules of one platform, plus a caller's custom words and allow words.
// The matching tables of the platform's rules (automata, pattern programs, number
// detectors: a CompiledRules, compiled_rules.h) are built once per pack and
// platform and shared by every Checker given them (Options::compiled, from a
// CompiledRulesCache); a Checker with custom words or allow words adds a small
// CompiledRules of its own for just those, scanned in addition. One message goes
// through:
//
//   Normalizer        full-width, case, traditional, digits, separators dropped;
//                     an OffsetMap leads back to the original text
//   KeywordAutomaton  every literal word, allowed context and trigger of every
//                     rule, in one pass; a second automaton over pinyin sound
//                     keys for rules with `homophones: yes`
//   RE2               pattern rules, run only when one of their triggers was
//                     seen (a literal, or a run of N digits) and the literals
//                     the pattern requires (its prefilter) are in the text
//   NumberScanner     phone numbers, split where separators stood (`detect:`)
//   allowed contexts  a match covered by one of its rule's allowed contexts
//                     (最近 covers 最) or by a caller's allow word is dropped
//   overlaps          within a category, the longest, then most severe, match
//                     wins; no duplicates (categories may overlap: 加我微信)
//   findings          spans in UTF-16 code units (and bytes for UTF-8 input)
//
// Usage, one thread:
//
//   RulePack pack;  ... LoadSources("rules") or Deserialize(blob) ...
//   CompiledRulesCache cache(pack);              // optional: shares the tables
//   Checker::Options opt;
//   opt.platform = Platform::kPdd;
//   opt.compiled = cache.Get(opt.platform);      // (null: the checker builds its own)
//   Checker checker(pack, opt);
//   if (!checker.ok()) { puts(checker.error().c_str()); }
//   std::vector<Finding> findings;
//   checker.Check(u8"加我微信", &findings);
//   const Rule& rule = checker.rule(findings[0]);   // offsite.wechat ...
//   std::string fixed = checker.Fix(u8"电话13812345678", nullptr);  // 电话138****5678
//
// Usage, many threads: one Checker, one Scratch per thread.
//
//   const Checker checker(pack, opt);            // built once, then only read
//   ... in each thread:
//   Checker::Scratch scratch;                     // this thread's own
//   std::vector<Finding> findings;
//   for (std::string_view line : my_lines)
//     checker.Check(line, &findings, &scratch);   // const: safe from every thread
//
// Thread safety. Like an RE2 object, a Checker is immutable once constructed:
// the const methods (Check, Fix and RuleSpans with a Scratch, Warm, rules(),
// rule(), message(), ...) may be called from any number of threads at once on
// the same Checker. Everything a check writes lives in the Scratch the caller
// passes (the normalized text, the match candidates, the UTF-8 copy RE2 reads,
// the number scanner's buffers, and a Normalizer of its own: Normalize() is const
// but fills a per-character fold cache as it goes, so it is not shared), so
// a Scratch must be used by one thread at a time; which Checker it is used with
// does not matter (it holds no rule data), and it may move between threads
// between calls. The methods without a Scratch (Check(text, out), Fix(text,
// applied), RuleSpans(text, id)) use a Scratch inside the Checker: they are not
// const and, like any non-const method, must not run concurrently with another
// call on the same Checker. A Checker must not be destroyed while a call runs.
//
// RE2 patterns are compiled lazily, each the first time a message triggers its
// rule and holds the literals the pattern needs, under a std::once_flag per
// pattern in the shared CompiledRules: two threads (or two checkers of the
// platform) needing the same pattern compile it once, and a compiled RE2 is itself
// safe to share (it keeps its own lock around its DFA cache). Most messages run no
// pattern, and compiling every pattern up front would make a ready Checker about 20
// times slower to build (natively 18 ms instead of 0.8 ms per platform with the
// built-in pack); Warm() compiles them early for a caller with idle time.
//
// Memory. A Checker holds a reference to its platform's CompiledRules (the tables
// and compiled patterns stay while any checker or the cache holds it), its own
// CompiledRules for custom rules and allow words, and copies of the caller's
// custom rules; it refers to the pack's rules (no copy): the pack must outlive
// it. It is not copyable. A Scratch keeps the capacity its buffers reached (tens of
// bytes per character of the longest message it has checked, plus the fold
// cache: 1 KB per block of 256 code points it has seen): reuse one per thread
// so that its buffers are not allocated again for every message, and destroy it
// to give the memory back. Findings go to the caller's vector (cleared first, so
// its capacity is reused); a finding points at its rule's suggestion instead of
// copying it (a {masked} replacement is the one text a finding holds itself).
#ifndef CHATLINT_CHECKER_H_
#define CHATLINT_CHECKER_H_

#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "compiled_rules.h"
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
  bool fixable = false;                   // fix() puts suggestion() in place of the match

  // What fix() writes in place of the match, or the advice when it is not fixable.
  // Findings are built without an allocation each: this is the rule's own text (valid
  // while the Checker lives), except where the rule's replacement masks the matched
  // digits ({masked}), which is filled in for this match and kept in the Finding.
  std::string_view suggestion() const { return filled_in ? std::string_view(filled) : std::string_view(*text); }

  const std::string* text = nullptr;  // the rule's suggestion, or its replacement when fixable
  std::string filled;                 // the replacement with {masked} filled in (filled_in only)
  bool filled_in = false;
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
    // The platform's rules already compiled, from a CompiledRulesCache beside the pack
    // (compiled_rules.h): every checker given the same one shares it, so a further
    // checker costs next to nothing. Null: the checker compiles the pack's rules itself.
    // Must be the set of this pack and platform.
    std::shared_ptr<const CompiledRules> compiled;
  };

  // Everything one check writes: buffers that keep their capacity from call to
  // call, and the normalizer with its fold cache. One per thread (see the top of
  // this file); it fits any Checker. Movable (a moved-from Scratch may only be
  // destroyed or assigned to), not copyable.
  class Scratch {
   public:
    Scratch();
    ~Scratch();
    Scratch(Scratch&&) noexcept;
    Scratch& operator=(Scratch&&) noexcept;
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;

   private:
    friend class Checker;
    struct Buffers;
    std::unique_ptr<Buffers> b_;
  };

  // Takes options.compiled (the platform's rules, compiled once and shared) or, when
  // it is null, compiles the pack's rules for options.platform itself; then compiles
  // the caller's extra rules and allow words into a small set of its own. On a bad
  // custom rule or allow word, ok() is false and error() says why. Not thread-safe
  // (nothing may use the Checker before it is built); everything after it is read-only.
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
  //
  // With a Scratch: const, safe to call from many threads at once, each with its
  // own Scratch. Without: uses the Checker's own Scratch (one thread at a time).
  Status Check(std::string_view utf8, std::vector<Finding>* out, Scratch* scratch) const;
  Status Check(std::u16string_view utf16, std::vector<Finding>* out, Scratch* scratch) const;
  Status Check(std::string_view utf8, std::vector<Finding>* out);
  Status Check(std::u16string_view utf16, std::vector<Finding>* out);

  // Applies every fixable finding (where fixable findings overlap, the longest
  // is applied); `applied` (optional) receives the findings that were applied, in
  // order of start. A message Check() refuses comes back unchanged, with nothing
  // applied and the reason in `status` (optional). Thread-safety as Check().
  std::string Fix(std::string_view utf8, std::vector<Finding>* applied, Status* status, Scratch* scratch) const;
  std::u16string Fix(std::u16string_view utf16, std::vector<Finding>* applied, Status* status,
                     Scratch* scratch) const;
  std::string Fix(std::string_view utf8, std::vector<Finding>* applied, Status* status = nullptr);
  std::u16string Fix(std::u16string_view utf16, std::vector<Finding>* applied, Status* status = nullptr);

  // The longest message Check() takes, in bytes (UTF-8) or code units (UTF-16):
  // findings carry 32-bit offsets.
  static constexpr uint64_t kMaxMessageUnits = 0xFFFFFFFFu;

  // Compiles up to `budget` patterns that no message has needed yet (patterns
  // compile lazily; a caller with idle time can pay for them early). Returns how
  // many remain. Thread-safe; Warm(SIZE_MAX) compiles them all.
  size_t Warm(size_t budget) const;

  // The rules in force, in pack order (custom rules last).
  const std::vector<const Rule*>& rules() const { return rules_; }
  const Rule& rule(const Finding& f) const { return *rules_[f.rule_index]; }
  // The finding's message as this platform words it (message.<platform>, else message).
  const std::string& message(const Finding& f) const { return rule(f).MessageOn(platform_); }
  Platform platform() const { return platform_; }

  // The distinct spans (bytes of `utf8`, in order) of the findings of the rule
  // `rule_id` in `utf8`: what a marked flag example of that rule must mark (on a
  // checker with keep_overlaps, which sees each rule on its own). Thread-safety as
  // Check().
  std::vector<ExampleSpan> RuleSpans(std::string_view utf8, std::string_view rule_id, Scratch* scratch) const;
  std::vector<ExampleSpan> RuleSpans(std::string_view utf8, std::string_view rule_id);

  // Runs every rule's own examples on every platform it applies to: a `flag`
  // example must carry 【】 marks and the rule must report exactly those spans
  // (require_marks = false: an unmarked one need only be flagged, for rulec
  // --annotate-examples), a `clean` one must not be flagged. The error names file,
  // line, rule, field and platform.
  static Status VerifyExamples(const RulePack& pack, bool require_marks = true);

 private:
  struct Candidate { uint32_t begin, end, rule; };
  struct Span { uint32_t begin, end, rule; };

  void Collect(Scratch::Buffers* scratch) const;
  void Resolve(Scratch::Buffers* scratch, std::vector<Finding>* out) const;

  // Set by the constructor, read-only after it.
  Status status_;
  Platform platform_;
  bool keep_overlaps_;
  PinyinIndex pinyin_;
  std::vector<const Rule*> rules_;  // base_'s rules, then extra_'s
  std::deque<Rule> own_rules_;      // copies of Options::extra_rules (stable addresses)
  // The platform's rules, compiled (shared with every checker of the platform given
  // the same Options::compiled), and the caller's own rules and allow words (null
  // when there are none); extra_'s rule i is rules_[base_rules + i].
  std::shared_ptr<const CompiledRules> base_;
  std::shared_ptr<const CompiledRules> extra_;
  const CompiledRules* sets_[2] = {nullptr, nullptr};  // base_, extra_ (null: none)
  uint32_t offsets_[2] = {0, 0};                      // each set's first index in rules_
  bool has_sound_ = false;
  uint32_t detect_kinds_ = 0;

  // The Scratch of the calls without one (and of the constructor, which
  // normalizes the rules' words with its normalizer: its fold cache then serves
  // the first messages).
  Scratch scratch_;
};

}  // namespace chatlint

#endif  // CHATLINT_CHECKER_H_
