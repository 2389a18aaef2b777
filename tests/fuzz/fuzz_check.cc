// Fuzz target: the whole check and fix() of one message, on every platform, with
// the built-in rule pack (the one the command line and the npm package embed).
//
// The input is the message as UTF-8. On each platform it is checked as UTF-8, as
// UTF-16 (converted, as the npm package passes it) and, for odd units and lone
// surrogates, as the raw bytes read as UTF-16LE. Asserted:
//   - every finding: 0 <= start < end <= length, in order of start, not cutting a
//     surrogate pair, its rule exists and applies on the platform, the UTF-8 bytes
//     and the UTF-16 units of the span are the same text, the match neither starts
//     nor ends with a dropped character, fixable/suggestion agree with the rule,
//     findings of one category do not overlap (see fuzz_util.h CheckFindings);
//   - the UTF-8 and UTF-16 checks of one message give the same findings (and ok);
//   - fix(): applies a subset of the fixable findings, disjoint, longest first, and
//     its text is the original with exactly those spans replaced; the UTF-8 and
//     UTF-16 fixes agree (CheckFix);
//   - re-checking the fixed text: no finding of an applied finding's category lies
//     inside its replacement or covers all of it (a replacement is inert), no number
//     finding overlaps a masked number at all, and the applied rules have no more
//     fixable findings than before;
//   - checking the message again at the end gives the same result (nothing left
//     over from the calls in between).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>

#include "checker.h"
#include "embedded_rules.h"
#include "fuzz_util.h"
#include "rule_pack.h"

using namespace chatlint;
using namespace chatlint_fuzz;

namespace {

struct Engine {
  RulePack pack;
  std::unique_ptr<Checker> checkers[kPlatformCount];
  Normalizer norm;
};

Engine* Build() {
  auto* e = new Engine();
  Status s = e->pack.Deserialize(EmbeddedRulePack());
  if (!s.ok()) {
    std::fprintf(stderr, "fuzz_check: built-in rule pack: %s\n", s.error().c_str());
    std::abort();
  }
  for (int p = 0; p < kPlatformCount; ++p) {
    Checker::Options opt;
    opt.platform = static_cast<Platform>(p);
    e->checkers[p] = std::make_unique<Checker>(e->pack, opt);
    if (!e->checkers[p]->ok()) {
      std::fprintf(stderr, "fuzz_check: checker for %s: %s\n", PlatformName(opt.platform), e->checkers[p]->error().c_str());
      std::abort();
    }
  }
  return e;
}

// A rule whose fix masks a number ({masked}: phones, landlines, QQ numbers).
bool IsMasked(const Rule& r) { return r.has_replace && r.replace.find("{masked}") != std::string::npos; }

// Fixable findings per applied rule.
std::map<uint32_t, int> FixableCounts(const std::vector<Finding>& fs, const std::vector<Finding>& applied) {
  std::map<uint32_t, int> counts;
  for (const Finding& a : applied) counts[a.rule_index] = 0;
  for (const Finding& f : fs)
    if (f.fixable && counts.count(f.rule_index)) ++counts[f.rule_index];
  return counts;
}

// The fixed text, re-checked: no applied rule fires inside its own replacement,
// and no applied rule has more fixable findings than before.
void CheckRecheck(Checker& checker, const Normalizer& norm, const std::u16string& original,
                  const std::vector<Finding>& before, const std::vector<Finding>& applied,
                  const std::u16string& fixed) {
  std::vector<Finding> after;
  if (!RunCheck(checker, std::u16string_view(fixed), &after)) return;
  CheckFindings(checker, norm, fixed, nullptr, after);
  auto what = [&] {
    return "\n  original: " + Hex(Utf8(original)) + "\n  fixed:    " + Hex(Utf8(fixed)) + "\n  applied " +
           DescribeAll(checker, applied) + "\n  fixed text has " + DescribeAll(checker, after);
  };
  // A replacement is inert in its own category: no finding of the applied
  // finding's category lies inside the replacement (the replacement re-triggers a
  // rule) or covers all of it (the replacement, with what stands around it, is read
  // as the same kind of problem again, e.g. a masked phone number as part of a
  // landline). Findings that only overlap a replacement's edge are context merging
  // with it and are allowed.
  const auto spans = ShiftedSpans(applied);
  for (size_t i = 0; i < applied.size(); ++i) {
    const auto [b, e] = spans[i];
    const Category category = checker.rule(applied[i]).category;
    for (const Finding& f : after) {
      if (checker.rule(f).category != category) continue;
      FUZZ_CHECK(!(b <= f.start && f.end <= e), "the replacement of applied finding " + std::to_string(i) +
                                                     " is flagged again in its category" + what());
      FUZZ_CHECK(!(f.start <= b && e <= f.end), "the replacement of applied finding " + std::to_string(i) +
                                                     " is part of a new finding of its category" + what());
      // A masked number (138****5678) is inert altogether: no number finding takes
      // in any of its digits, not even the head or the tail.
      if (IsMasked(checker.rule(applied[i])) && IsMasked(checker.rule(f)))
        FUZZ_CHECK(!(f.start < e && b < f.end), "the masked number of applied finding " + std::to_string(i) +
                                                    " is partly read as a number again" + what());
    }
  }
  const auto was = FixableCounts(before, applied), now = FixableCounts(after, applied);
  for (const auto& [rule, n] : now)
    FUZZ_CHECK(n <= was.at(rule), "rule " + checker.rules()[rule]->id + " has " + std::to_string(n) +
                                      " fixable findings after fix(), " + std::to_string(was.at(rule)) + " before" + what());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Engine* engine = Build();
  const std::string utf8(reinterpret_cast<const char*>(data), size);
  const std::u16string u16 = Utf16FromUtf8(utf8);
  std::u16string raw(size / 2, u'\0');
  for (size_t i = 0; i + 1 < size; i += 2) raw[i / 2] = static_cast<char16_t>(data[i] | (data[i + 1] << 8));

  std::vector<Finding> f8, f16, again, applied8, applied16, fraw, appliedraw;
  for (int p = 0; p < kPlatformCount; ++p) {
    Checker& checker = *engine->checkers[p];
    const std::string platform = PlatformName(static_cast<Platform>(p));

    Where() = platform + ", UTF-8 check";
    const bool ok8 = RunCheck(checker, std::string_view(utf8), &f8);
    if (ok8) CheckFindings(checker, engine->norm, u16, &utf8, f8);

    Where() = platform + ", UTF-16 check";
    const bool ok16 = RunCheck(checker, std::u16string_view(u16), &f16);
    FUZZ_CHECK(ok8 == ok16, "the engine refused one encoding of the message and not the other");
    if (!ok16) continue;
    CheckFindings(checker, engine->norm, u16, nullptr, f16);
    FUZZ_CHECK(SameFindings(f8, f16, false), "UTF-8 and UTF-16 checks differ:\n  UTF-8  " + DescribeAll(checker, f8) +
                                                 "\n  UTF-16 " + DescribeAll(checker, f16) + "\n  message " + Hex(utf8));
    FUZZ_CHECK(Ok(checker, f8) == Ok(checker, f16), "ok differs between UTF-8 and UTF-16");

    Where() = platform + ", UTF-8 fix";
    const std::string fixed8 = checker.Fix(std::string_view(utf8), &applied8);
    CheckFix(checker, utf8, f8, applied8, fixed8);
    Where() = platform + ", UTF-16 fix";
    const std::u16string fixed16 = checker.Fix(std::u16string_view(u16), &applied16);
    CheckFix(checker, u16, f16, applied16, fixed16);
    FUZZ_CHECK(SameFindings(applied8, applied16, false), "UTF-8 and UTF-16 fix() applied different findings");
    FUZZ_CHECK(Utf16FromUtf8(fixed8) == fixed16, "UTF-8 and UTF-16 fix() give different text:\n  UTF-8  " +
                                                     Hex(fixed8) + "\n  UTF-16 " + Hex16(fixed16));
    Where() = platform + ", fixed text re-checked";
    CheckRecheck(checker, engine->norm, u16, f16, applied16, fixed16);

    if (!raw.empty()) {
      Where() = platform + ", raw UTF-16LE units check and fix: " + Hex16(raw);
      if (RunCheck(checker, std::u16string_view(raw), &fraw)) {
        CheckFindings(checker, engine->norm, raw, nullptr, fraw);
        const std::u16string fixedraw = checker.Fix(std::u16string_view(raw), &appliedraw);
        CheckFix(checker, raw, fraw, appliedraw, fixedraw);
        CheckRecheck(checker, engine->norm, raw, fraw, appliedraw, fixedraw);
      }
    }

    Where() = platform + ", the same message checked again";
    RunCheck(checker, std::string_view(utf8), &again);
    FUZZ_CHECK(SameFindings(f8, again, true), "a second check of the same message differs:\n  first  " +
                                                  DescribeAll(checker, f8) + "\n  second " + DescribeAll(checker, again));
  }
  return 0;
}
