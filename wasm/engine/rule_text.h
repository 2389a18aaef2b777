// RuleText: the one parser of the rule syntax (rules/README.md), for the packs in
// rules/ and for rules a caller brings (the npm package's customWords and
// allowWords, which js/src/custom_rules.js writes in this same syntax).
//
// The packs are read from files with includes (rule_pack_loader.cc, native only);
// this part reads one text and touches no file system, so it also builds for
// WebAssembly, where the binding parses the caller's rules with it.
//
//   // A caller's rules: no includes, `source` defaults to "custom", examples optional,
//   // and `allow:` lines before the first rule are words that are always fine.
//   std::vector<Rule> rules;
//   std::vector<std::string> allow_words;
//   Status s = ParseCallerRules("allow: 微信支付\n"
//                               "[custom.1]\ncategory: offsite_platform\nseverity: block\n"
//                               "words: 抖商 | 快团团\nmessage: 不要提抖商\n",
//                               "customWords", &rules, &allow_words);
//   // s.error(): "customWords:4: rule custom.1: field 'severity': unknown severity 'x' ..."
//
// Values are trimmed and one line long. In text fields (message, message.<platform>,
// suggestion, replace) a backslash starts an escape, so any text survives the trip:
// \n \r \t, \s (a space: one at either end would be trimmed) and \\.
#ifndef CHATLINT_RULE_TEXT_H_
#define CHATLINT_RULE_TEXT_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rule.h"
#include "status.h"

namespace chatlint {

// Where a rule comes from decides what it must carry (ValidateRule).
enum class RuleOrigin {
  kPack,    // rules/: a source (the seed) and at least one flag example are required
  kCaller,  // a caller's own words: source "custom" by default, examples optional
};

// One rule as parsed, before the platforms it applies on are known (they depend on
// which packs include its file).
struct ParsedRule {
  Rule rule;
  uint32_t only = kAllPlatforms;  // from 'platforms:'
  uint32_t except = 0;            // from 'except:'
  std::string where;              // file:line of the [id] line
  int message_lines[kPlatformCount] = {};  // line of each message.<platform> (0: none)
  int allow_lines[kPlatformCount] = {};    // first line of each allow.<platform> (0: none)
};

struct ParsedRuleText {
  std::vector<ParsedRule> rules;
  std::vector<std::pair<std::string, int>> includes;  // as written (kPack only), line
  std::vector<std::string> allow_words;               // `allow:` before the first rule (kCaller only)
};

// Parses `text`; `name` names it in errors ("rules/pdd.rules:12: rule a.b: field 'x': why").
Status ParseRuleText(const std::string& name, std::string_view text, RuleOrigin origin, ParsedRuleText* out);

// Completes a parsed rule: its platforms are `reached` (the packs that include its
// file) narrowed by its platforms/except fields; a message.<platform> or
// allow.<platform> on a platform it does not apply on is an error; then
// ValidateRule. Moves the rule to `out` on success.
Status FinishRule(ParsedRule* parsed, uint32_t reached, RuleOrigin origin, std::vector<Rule>* out);

// A caller's rules and allow words (see the top of this file): parsed, finished
// (every platform unless `platforms`/`except` say otherwise) and validated.
// Appends to `rules` and `allow_words`; ids must be unique within the text.
Status ParseCallerRules(std::string_view text, const std::string& name, std::vector<Rule>* rules,
                        std::vector<std::string>* allow_words);

// The escapes of text fields: EscapeRuleText("a\nb ") == "a\\nb\\s". Callers that
// write rule text (the fuzz target; js/src/custom_rules.js does the same in JS).
std::string EscapeRuleText(std::string_view value);

}  // namespace chatlint

#endif  // CHATLINT_RULE_TEXT_H_
