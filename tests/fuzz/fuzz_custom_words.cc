// Fuzz target: custom words and allow words as the npm package passes them, then a
// message checked and fixed with the resulting checker.
//
// createChecker({ platform, customWords, allowWords }) validates the options in JS
// (js/src/create_checker.js), encodes them with \x1e/\x1f/\x1d separators and the
// binding (wasm/binding/binding.cc) turns them into Checker::Options. This target
// does the same from a small line format, so seeds are easy to write:
//   p PLATFORM                       a platform name (rule.cc's list): the built-in rules
//                                    of that platform plus the custom words, as in JS.
//                                    Without a p line: the custom words alone (generic),
//                                    ten times faster to build, so more inputs are tried
//   c WORD|WORD...<TAB>CATEGORY<TAB>SEVERITY<TAB>HOMOPHONES(0/1)<TAB>REPLACE<TAB>MESSAGE<TAB>SUGGESTION
//                                    one custom word entry; fields after the words are
//                                    optional (JS defaults; no REPLACE field: no replace)
//   a WORD                           an allow word
//   m TEXT                           a line of the message (several are joined with \n)
// A word JS refuses (blank, or holding \x1d-\x1f) makes the input uninteresting.
// Errors from the engine are fine (e.g. a word that is only punctuation); crashes
// are not. When the checker builds:
//   - its rules are the platform's built-in rules followed by the custom ones;
//   - the message, checked as UTF-16 (as JS does) and as UTF-8, gives the same
//     findings and they hold the invariants of fuzz_util.h; fix() too;
//   - an allow word checked on its own gives no finding at all;
//   - without allow words, a custom word checked on its own is flagged over its whole
//     length by a rule of its category at least as severe.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "checker.h"
#include "custom_rules.h"
#include "embedded_rules.h"
#include "fuzz_util.h"
#include "rule_pack.h"

using namespace chatlint;
using namespace chatlint_fuzz;

namespace {

// ---- as in js/src/create_checker.js ----

bool JsAcceptsWord(const std::string& w) {
  if (w.find_first_not_of(" \t\n\r\v\f") == std::string::npos) return false;  // word.trim() === ''
  for (char c : w)
    if (c >= '\x1d' && c <= '\x1f') return false;
  return true;
}

bool JsAcceptsText(const std::string& t) {
  for (char c : t)
    if (c >= '\x1d' && c <= '\x1f') return false;
  return true;
}

struct Input {
  std::string platform;  // empty: no built-in rules
  std::string custom;  // encoded as JS encodes it
  std::vector<std::string> custom_words;
  std::vector<std::string> allow;
  std::string message;
  bool has_message = false;
};

// Parses the line format; false for what JS would refuse before the engine sees it.
bool ParseInput(std::string_view data, Input* in) {
  int custom_count = 0;
  size_t pos = 0;
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    std::string line(data.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos));
    pos = nl == std::string_view::npos ? data.size() : nl + 1;
    if (line.size() < 2 || line[1] != ' ') continue;
    const std::string rest = line.substr(2);
    switch (line[0]) {
      case 'p':
        in->platform = rest;
        break;
      case 'a':
        if (!JsAcceptsWord(rest)) return false;
        in->allow.push_back(rest);
        break;
      case 'm':
        if (in->has_message) in->message += '\n';
        in->message += rest;
        in->has_message = true;
        break;
      case 'c': {
        std::vector<std::string> f = SplitFields(rest, '\t');
        if (f.empty()) return false;
        std::vector<std::string> words = SplitFields(f[0], '|');
        if (words.empty()) return false;
        for (const std::string& w : words) {
          if (!JsAcceptsWord(w)) return false;
          in->custom_words.push_back(w);
        }
        for (size_t i = 1; i < f.size(); ++i)
          if (!JsAcceptsText(f[i])) return false;
        const std::string category = f.size() > 1 && !f[1].empty() ? f[1] : "offsite_platform";
        const std::string severity = f.size() > 2 && !f[2].empty() ? f[2] : "block";
        Category c;
        Severity s;
        if (!ParseCategory(category, &c) || !ParseSeverity(severity, &s)) return false;  // JS checks these
        const std::string homophones = f.size() > 3 && f[3] == "1" ? "1" : "0";
        const std::string replace = f.size() > 4 ? f[4] : "\x1d";
        const std::string message = f.size() > 5 && !f[5].empty() ? f[5] : "自定义违禁词:" + words[0];
        const std::string suggestion = f.size() > 6 ? f[6] : "";
        std::string joined;
        for (size_t i = 0; i < words.size(); ++i) joined += (i ? "\x1d" : "") + words[i];
        if (!in->custom.empty()) in->custom += '\x1e';
        in->custom += "custom." + std::to_string(++custom_count) + '\x1f' + category + '\x1f' + severity + '\x1f' +
                      joined + '\x1f' + homophones + '\x1f' + message + '\x1f' + suggestion + '\x1f' + replace;
        break;
      }
      default:
        break;
    }
  }
  return true;
}

const RulePack& EmptyPack() {
  static const RulePack* pack = new RulePack();
  return *pack;
}

const RulePack& BuiltinPack() {
  static const RulePack* pack = [] {
    auto* p = new RulePack();
    Status s = p->Deserialize(EmbeddedRulePack());
    if (!s.ok()) {
      std::fprintf(stderr, "fuzz_custom_words: built-in rule pack: %s\n", s.error().c_str());
      std::abort();
    }
    return p;
  }();
  return *pack;
}

size_t BuiltinCount(const RulePack& pack, Platform p) {
  if (&pack == &EmptyPack()) return 0;
  static size_t counts[kPlatformCount] = {};
  static bool done = false;
  if (!done) {
    for (const Rule& r : BuiltinPack().rules())
      for (int i = 0; i < kPlatformCount; ++i)
        if (r.AppliesTo(static_cast<Platform>(i))) ++counts[i];
    done = true;
  }
  return counts[static_cast<int>(p)];
}

void CheckMessage(Checker& checker, const Normalizer& norm, const std::string& utf8) {
  std::vector<Finding> f8, f16, applied;
  const std::u16string u16 = Utf16FromUtf8(utf8);
  if (!RunCheck(checker, std::u16string_view(u16), &f16)) return;
  CheckFindings(checker, norm, u16, nullptr, f16);
  if (RunCheck(checker, std::string_view(utf8), &f8)) {
    CheckFindings(checker, norm, u16, &utf8, f8);
    FUZZ_CHECK(SameFindings(f8, f16, false), "UTF-8 and UTF-16 checks differ:\n  UTF-8  " + DescribeAll(checker, f8) +
                                                 "\n  UTF-16 " + DescribeAll(checker, f16));
  }
  const std::u16string fixed = checker.Fix(std::u16string_view(u16), &applied);
  CheckFix(checker, u16, f16, applied, fixed);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Normalizer* norm = new Normalizer();
  Input in;
  if (!ParseInput(std::string_view(reinterpret_cast<const char*>(data), size), &in)) return -1;

  Where() = "building the checker: platform '" + in.platform + "', custom " + Hex(in.custom) + ", " +
            std::to_string(in.allow.size()) + " allow words";
  Checker::Options opt;
  const RulePack* pack = &EmptyPack();
  if (!in.platform.empty()) {
    if (!ParsePlatform(in.platform, &opt.platform)) opt.platform = Platform::kPdd;  // JS refuses others
    pack = &BuiltinPack();
  }
  // Decoded exactly as the binding decodes it (custom_rules.h).
  const Status decoded = DecodeCustomRules(in.custom, &opt.extra_rules);
  // JS encodes exactly 8 fields per record and checked category and severity.
  FUZZ_CHECK(decoded.ok(), "the binding refuses what JS encoded: " + decoded.error());
  opt.allow_words = in.allow;
  Checker checker(*pack, opt);
  if (!checker.ok()) {
    FUZZ_CHECK(!checker.error().empty(), "a checker that failed says nothing");
    return 0;
  }
  const size_t builtin = BuiltinCount(*pack, opt.platform);
  FUZZ_CHECK(checker.rules().size() == builtin + opt.extra_rules.size(),
             std::to_string(checker.rules().size()) + " rules, expected " + std::to_string(builtin) + " built-in + " +
                 std::to_string(opt.extra_rules.size()) + " custom");
  for (size_t i = 0; i < opt.extra_rules.size(); ++i)
    FUZZ_CHECK(checker.rules()[builtin + i]->id == opt.extra_rules[i].id, "custom rule out of place");

  if (in.has_message) {
    Where() = "checking the message " + Hex(in.message);
    CheckMessage(checker, *norm, in.message);
  }
  std::vector<Finding> findings;
  for (const std::string& w : in.allow) {
    Where() = "checking allow word " + Hex(w) + " on its own";
    if (!RunCheck(checker, std::string_view(w), &findings)) continue;
    FUZZ_CHECK(findings.empty(), "an allow word on its own is flagged: " + DescribeAll(checker, findings));
  }
  if (in.allow.empty()) {
    NormalizedText nt;
    for (size_t i = 0; i < opt.extra_rules.size(); ++i) {
      const Rule& rule = opt.extra_rules[i];
      for (const std::string& w : rule.words) {
        Where() = "checking custom word " + Hex(w) + " (" + rule.id + ") on its own";
        if (!RunCheck(checker, std::string_view(w), &findings)) continue;
        CheckMessage(checker, *norm, w);
        norm->Normalize(std::string_view(w), &nt);
        FUZZ_CHECK(!nt.chars.empty(), "the checker built with a word that normalizes to nothing");
        const OffsetMap::Span whole = nt.map.Original(0, nt.chars.size());
        bool flagged = false;
        for (const Finding& f : findings) {
          const Rule& r = checker.rule(f);
          if (r.category == rule.category && r.severity >= rule.severity && f.start == whole.u16_begin &&
              f.end == whole.u16_end)
            flagged = true;
        }
        FUZZ_CHECK(flagged, "a custom word on its own is not flagged over its whole length by its category: " +
                                DescribeAll(checker, findings));
      }
    }
  }
  return 0;
}
