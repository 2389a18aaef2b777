// Fuzz target: custom words and allow words as the npm package passes them, then a
// message checked and fixed with the resulting checker.
//
// createChecker({ platform, customWords, allowWords }) validates the options in JS
// and writes them as rule text (js/src/custom_rules.js); the binding
// (wasm/binding/binding.cc) reads that text with the parser of the packs
// (ParseCallerRules, rule_text.h). This target writes the same text from a small
// line format, so seeds are easy to write:
//   p PLATFORM                       a platform name (rule.cc's list): the built-in rules
//                                    of that platform plus the custom words, as in JS.
//                                    Without a p line: the custom words alone (generic),
//                                    ten times faster to build, so more inputs are tried
//   c WORD|WORD...<TAB>CATEGORY<TAB>SEVERITY<TAB>HOMOPHONES(0/1)<TAB>REPLACE<TAB>MESSAGE<TAB>SUGGESTION
//                                    one custom word entry; fields after the words are
//                                    optional (JS defaults; no REPLACE field: no replace)
//   a WORD                           an allow word
//   m TEXT                           a line of the message (several are joined with \n)
// A word JS refuses (blank once '|' and line breaks are spaces) makes the input
// uninteresting. Errors from the engine are fine (e.g. a word that is only
// punctuation); crashes are not, and neither is the parser refusing text written
// the way JS writes it. When the checker builds:
//   - its rules are the platform's built-in rules followed by the custom ones;
//   - the message, checked as UTF-16 (as JS does) and as UTF-8, gives the same
//     findings and they hold the invariants of fuzz_util.h; fix() too;
//   - an allow word checked on its own gives no finding at all;
//   - without allow words, a custom word checked on its own is flagged over its whole
//     length by a rule of its category at least as severe;
//   - each custom rule's message and replacement are exactly what was written.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "checker.h"
#include "embedded_rules.h"
#include "fuzz_util.h"
#include "rule_pack.h"
#include "rule_text.h"

using namespace chatlint;
using namespace chatlint_fuzz;

namespace {

// ---- as in js/src/custom_rules.js ----

// A word in a rule's list: '|' would split it and a line break end the line; both are
// separators the normalizer drops, like a space, so a space stands for them.
std::string ListWord(std::string w) {
  for (char& c : w)
    if (c == '|' || c == '\n' || c == '\r') c = ' ';
  return w;
}

bool JsAcceptsWord(const std::string& w) {
  return ListWord(w).find_first_not_of(" \t\n\r\v\f") != std::string::npos;  // blank: refused
}

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  for (size_t start = 0;;) {
    const size_t p = s.find(sep, start);
    out.emplace_back(s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
    if (p == std::string_view::npos) return out;
    start = p + 1;
  }
}

struct Input {
  std::string platform;  // empty: no built-in rules
  std::string custom;    // rule text, as JS writes it
  std::vector<std::string> custom_words;
  std::vector<std::string> allow;
  std::vector<std::pair<std::string, std::string>> texts;  // each custom rule's message and replace ("\x1d": none)
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
        std::vector<std::string> f = Split(rest, '\t');
        if (f.empty()) return false;
        std::vector<std::string> words = Split(f[0], '|');
        if (words.empty()) return false;
        for (const std::string& w : words) {
          if (!JsAcceptsWord(w)) return false;
          in->custom_words.push_back(w);
        }
        const std::string category = f.size() > 1 && !f[1].empty() ? f[1] : "offsite_platform";
        const std::string severity = f.size() > 2 && !f[2].empty() ? f[2] : "block";
        Category c;
        Severity s;
        if (!ParseCategory(category, &c) || !ParseSeverity(severity, &s)) return false;  // JS checks these
        const bool homophones = f.size() > 3 && f[3] == "1";
        const std::string replace = f.size() > 4 ? f[4] : "\x1d";
        const std::string message = f.size() > 5 && !f[5].empty() ? f[5] : "自定义违禁词:" + words[0];
        const std::string suggestion = f.size() > 6 ? f[6] : "";
        std::string list;
        for (size_t i = 0; i < words.size(); ++i) list += (i ? " | " : "") + ListWord(words[i]);
        in->custom += "[custom." + std::to_string(++custom_count) + "]\ncategory: " + category +
                      "\nseverity: " + severity + "\nwords: " + list + "\nhomophones: " + (homophones ? "yes" : "no") +
                      "\nmessage: " + EscapeRuleText(message) + "\n";
        if (!suggestion.empty()) in->custom += "suggestion: " + EscapeRuleText(suggestion) + "\n";
        if (replace != "\x1d") in->custom += "replace: " + EscapeRuleText(replace) + "\n";
        in->texts.emplace_back(message, replace);
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
  // Read exactly as the binding reads it (rule_text.h), allow words first as JS writes them.
  std::string text;
  if (!in.allow.empty()) {
    text = "allow: ";
    for (size_t i = 0; i < in.allow.size(); ++i) text += (i ? " | " : "") + ListWord(in.allow[i]);
    text += "\n";
  }
  text += in.custom;
  const Status decoded = ParseCallerRules(text, "customWords", &opt.extra_rules, &opt.allow_words);
  // JS checked category and severity and refused blank words; the rest is the parser's to take.
  FUZZ_CHECK(decoded.ok(), "the binding refuses what JS wrote: " + decoded.error());
  FUZZ_CHECK(opt.allow_words.size() == in.allow.size(), "allow words lost or split");
  FUZZ_CHECK(opt.extra_rules.size() == in.texts.size(), "custom rules lost or split");
  for (size_t i = 0; i < in.texts.size(); ++i) {
    const Rule& r = opt.extra_rules[i];
    FUZZ_CHECK(r.message == in.texts[i].first, "message changed on the way: " + Hex(r.message));
    FUZZ_CHECK(r.has_replace == (in.texts[i].second != "\x1d") && (!r.has_replace || r.replace == in.texts[i].second),
               "replacement changed on the way: " + Hex(r.replace));
  }
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
