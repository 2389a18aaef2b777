// Shared by the fuzz targets: FUZZ_CHECK (prints what failed, then traps so libFuzzer
// saves the input) and the invariants every list of findings and every fix() must hold.
#ifndef CHATLINT_TESTS_FUZZ_UTIL_H_
#define CHATLINT_TESTS_FUZZ_UTIL_H_

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "checker.h"
#include "normalizer.h"
#include "rule.h"
#include "utf.h"

namespace chatlint_fuzz {

using namespace chatlint;

// What the target is doing right now (platform, UTF-8 or UTF-16 path): printed on failure.
inline std::string& Where() {
  static std::string where;
  return where;
}

inline std::string Hex(std::string_view s, size_t limit = 256) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < s.size() && i < limit; ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  if (s.size() > limit) out += "...(" + std::to_string(s.size()) + " bytes)";
  return out;
}

inline std::string CodePoint(char32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  return buf;
}

inline std::string Hex16(std::u16string_view s, size_t limit = 128) {
  std::string out;
  char buf[8];
  for (size_t i = 0; i < s.size() && i < limit; ++i) {
    std::snprintf(buf, sizeof buf, "%s%04x", i ? " " : "", static_cast<unsigned>(s[i]));
    out += buf;
  }
  if (s.size() > limit) out += " ...(" + std::to_string(s.size()) + " units)";
  return out;
}

// UTF-16 -> UTF-8 for messages (lone surrogates become U+FFFD).
inline std::string Utf8(std::u16string_view s) {
  std::string out;
  DecodeUtf16(s, [&](const DecodedChar& d) { AppendUtf8(d.cp, &out); });
  return out;
}

[[noreturn]] inline void Fail(const char* file, int line, const char* cond, const std::string& detail) {
  std::fprintf(stderr, "\n==chatlint-fuzz== INVARIANT FAILED (%s:%d)\n  check:  %s\n  where:  %s\n  detail: %s\n",
               file, line, cond, Where().c_str(), detail.c_str());
  std::fflush(stderr);
  __builtin_trap();
}

// FUZZ_CHECK(condition, detail): `detail` (a std::string) is only built on failure.
#define FUZZ_CHECK(cond, detail)                                                 \
  do {                                                                           \
    if (!(cond)) ::chatlint_fuzz::Fail(__FILE__, __LINE__, #cond, (detail));     \
  } while (0)

// Checker::Check and Fix, whether Check returns void (today) or a Status (an
// error for input the engine refuses, e.g. too long): false when it refused.
template <typename Text>
bool RunCheck(Checker& checker, Text text, std::vector<Finding>* out) {
  if constexpr (std::is_void_v<decltype(checker.Check(text, out))>) {
    checker.Check(text, out);
    return true;
  } else {
    return checker.Check(text, out).ok();
  }
}

inline std::string Describe(const Checker& checker, const Finding& f) {
  std::string s = "[" + std::to_string(f.start) + "," + std::to_string(f.end) + ") bytes [" +
                  std::to_string(f.byte_start) + "," + std::to_string(f.byte_end) + ") rule #" +
                  std::to_string(f.rule_index);
  if (f.rule_index < checker.rules().size()) s += " " + checker.rules()[f.rule_index]->id;
  s += " suggestion '" + std::string(f.suggestion()) + "'" + (f.fixable ? " fixable" : "");
  return s;
}

inline std::string DescribeAll(const Checker& checker, const std::vector<Finding>& fs) {
  std::string s = std::to_string(fs.size()) + " findings:";
  for (const Finding& f : fs) s += "\n    " + Describe(checker, f);
  return s;
}

inline bool IsHigh(char16_t u) { return u >= 0xD800 && u <= 0xDBFF; }
inline bool IsLow(char16_t u) { return u >= 0xDC00 && u <= 0xDFFF; }

// True when [at-1, at] is a valid surrogate pair (a span must not cut it).
inline bool SplitsPair(std::u16string_view s, size_t at) {
  return at > 0 && at < s.size() && IsHigh(s[at - 1]) && IsLow(s[at]);
}

// The invariants of one Check() result. `u16` is the message as UTF-16 (what
// start/end index); `utf8` is the UTF-8 message when it was checked as UTF-8
// (what byte_start/byte_end index), else null. `norm` folds characters the way
// the checker's normalizer does (default options).
inline void CheckFindings(const Checker& checker, const Normalizer& norm, std::u16string_view u16,
                          const std::string* utf8, const std::vector<Finding>& fs) {
  const auto& rules = checker.rules();
  for (size_t i = 0; i < fs.size(); ++i) {
    const Finding& f = fs[i];
    auto what = [&] {
      return "finding " + std::to_string(i) + ": " + Describe(checker, f) + "\n  " + DescribeAll(checker, fs) +
             "\n  message (UTF-16): " + Hex16(u16);
    };
    FUZZ_CHECK(f.rule_index < rules.size(), what());
    const Rule& rule = *rules[f.rule_index];
    FUZZ_CHECK(rule.AppliesTo(checker.platform()), what() + "\n  rule does not apply on " + PlatformName(checker.platform()));
    FUZZ_CHECK(static_cast<int>(rule.severity) <= 2, what());
    FUZZ_CHECK(f.start < f.end, what());
    FUZZ_CHECK(f.end <= u16.size(), what());
    FUZZ_CHECK(!SplitsPair(u16, f.start) && !SplitsPair(u16, f.end), what() + "\n  span cuts a surrogate pair");
    if (i > 0) {
      const Finding& p = fs[i - 1];
      FUZZ_CHECK(p.start < f.start || (p.start == f.start && p.end <= f.end), what() + "\n  not in order of start");
    }
    // The match starts and ends with a character the normalizer keeps: what is
    // dropped (spaces, punctuation) lies only inside a match, never at its edges.
    std::u32string match;
    DecodeUtf16(u16.substr(f.start, f.end - f.start), [&](const DecodedChar& d) { match.push_back(d.cp); });
    FUZZ_CHECK(!match.empty(), what());
    FUZZ_CHECK(norm.FoldChar(match.front()) != kDropChar, what() + "\n  match starts with a dropped character");
    // (A variation selector may end it: it belongs to the kept character before it, ❤️.)
    size_t last = match.size() - 1;
    while (last > 0 && AttachesToPrevious(match[last]) && norm.FoldChar(match[last]) == kDropChar) --last;
    FUZZ_CHECK(norm.FoldChar(match[last]) != kDropChar, what() + "\n  match ends with a dropped character");
    // A number (a rule matched by `detect:` alone: phone, landline) ends at clause
    // punctuation (normalizer.h: "digit runs end at clause breaks"): 座机010-12345678，2件包邮
    // is the landline 010-12345678, not 010123456782, and fix() must not mask the 2 of 2件.
    if (!rule.detect.empty() && rule.words.empty() && rule.patterns.empty())
      for (char32_t c : match)
        FUZZ_CHECK(!IsClausePunctuation(c), what() + "\n  a number finding runs across clause punctuation " + CodePoint(c));
    FUZZ_CHECK(f.fixable == rule.has_replace, what());
    if (!rule.has_replace) FUZZ_CHECK(f.suggestion() == rule.suggestion, what());
    if (rule.has_replace && rule.replace.find("{masked}") == std::string::npos)
      FUZZ_CHECK(f.suggestion() == rule.replace, what());
    if (utf8) {
      FUZZ_CHECK(f.byte_start < f.byte_end && f.byte_end <= utf8->size(), what());
      // The bytes and the UTF-16 units name the same text (invalid bytes are one
      // U+FFFD unit each on both sides).
      FUZZ_CHECK(Utf16FromUtf8(std::string_view(*utf8).substr(f.byte_start, f.byte_end - f.byte_start)) ==
                     u16.substr(f.start, f.end - f.start),
                 what() + "\n  UTF-8 slice " + Hex(utf8->substr(f.byte_start, f.byte_end - f.byte_start)) +
                     " != UTF-16 slice " + Hex16(u16.substr(f.start, f.end - f.start)));
    }
    // Overlaps are resolved within a category: findings of one category are disjoint.
    for (size_t j = 0; j < i; ++j) {
      const Finding& g = fs[j];
      FUZZ_CHECK(!(g.start == f.start && g.end == f.end && g.rule_index == f.rule_index), what() + "\n  duplicate");
      if (rules[g.rule_index]->category == rule.category)
        FUZZ_CHECK(!(g.start < f.end && f.start < g.end),
                   what() + "\n  overlaps finding " + std::to_string(j) + " of the same category");
    }
  }
}

// ok as the command line and the npm package report it: no finding blocks.
inline bool Ok(const Checker& checker, const std::vector<Finding>& fs) {
  for (const Finding& f : fs)
    if (checker.rule(f).severity == Severity::kBlock) return false;
  return true;
}

inline bool SameFinding(const Finding& a, const Finding& b, bool bytes) {
  return a.start == b.start && a.end == b.end && a.rule_index == b.rule_index && a.suggestion() == b.suggestion() &&
         a.fixable == b.fixable && (!bytes || (a.byte_start == b.byte_start && a.byte_end == b.byte_end));
}

inline bool SameFindings(const std::vector<Finding>& a, const std::vector<Finding>& b, bool bytes) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (!SameFinding(a[i], b[i], bytes)) return false;
  return true;
}

// The invariants of one Fix(): `findings` is Check() of `original`, `applied` and
// `fixed` what Fix() returned. String is std::string (offsets in bytes) or
// std::u16string (UTF-16 units).
template <typename String>
void CheckFix(const Checker& checker, const String& original, const std::vector<Finding>& findings,
              const std::vector<Finding>& applied, const String& fixed) {
  constexpr bool kBytes = std::is_same_v<String, std::string>;
  auto begin_of = [](const Finding& f) -> size_t { return kBytes ? f.byte_start : f.start; };
  auto end_of = [](const Finding& f) -> size_t { return kBytes ? f.byte_end : f.end; };
  auto encode = [](std::string_view s) -> String {
    if constexpr (kBytes) return String(s); else return Utf16FromUtf8(s);
  };
  auto what = [&] {
    return "\n  applied " + DescribeAll(checker, applied) + "\n  checked " + DescribeAll(checker, findings);
  };
  for (size_t i = 0; i < applied.size(); ++i) {
    const Finding& a = applied[i];
    FUZZ_CHECK(a.fixable, "applied finding " + std::to_string(i) + " is not fixable" + what());
    FUZZ_CHECK(std::any_of(findings.begin(), findings.end(), [&](const Finding& f) { return SameFinding(f, a, true); }),
               "applied finding " + std::to_string(i) + " is not one Check() reported" + what());
    if (i > 0)
      FUZZ_CHECK(end_of(applied[i - 1]) <= begin_of(a) && applied[i - 1].end <= a.start,
                 "applied findings overlap or are out of order" + what());
  }
  // Every fixable finding left out overlaps an applied one at least as long
  // (fix() applies the longest where fixable findings overlap).
  for (const Finding& f : findings) {
    if (!f.fixable) continue;
    if (std::any_of(applied.begin(), applied.end(), [&](const Finding& a) { return SameFinding(f, a, true); })) continue;
    const bool covered = std::any_of(applied.begin(), applied.end(), [&](const Finding& a) {
      return a.start < f.end && f.start < a.end && (a.end - a.start) >= (f.end - f.start);
    });
    FUZZ_CHECK(covered, "fixable finding " + Describe(checker, f) + " was neither applied nor overlapped by a longer applied one" + what());
  }
  // The fixed text is the original with exactly the applied spans replaced.
  String expect;
  size_t at = 0;
  for (const Finding& a : applied) {
    expect.append(original, at, begin_of(a) - at);
    expect += encode(a.suggestion());
    at = end_of(a);
  }
  expect.append(original, at, String::npos);
  FUZZ_CHECK(fixed == expect, "fix() output is not the original with the applied spans replaced" + what());
}

// Where each applied finding's replacement sits in the fixed text (UTF-16 units).
inline std::vector<std::pair<uint32_t, uint32_t>> ShiftedSpans(const std::vector<Finding>& applied) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  int64_t shift = 0;
  for (const Finding& a : applied) {
    const int64_t len = static_cast<int64_t>(Utf16FromUtf8(a.suggestion()).size());
    const uint32_t b = static_cast<uint32_t>(a.start + shift);
    out.emplace_back(b, static_cast<uint32_t>(b + len));
    shift += len - static_cast<int64_t>(a.end - a.start);
  }
  return out;
}

}  // namespace chatlint_fuzz

#endif  // CHATLINT_TESTS_FUZZ_UTIL_H_
