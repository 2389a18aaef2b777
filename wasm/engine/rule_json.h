// A rule as JSON: the one form in which every front door shows a rule. The
// command line (`chatlint rules`), the WebAssembly binding (Checker.rules() in the
// npm package, and through it the extension and the demo) all write it here, so a
// field added to Rule appears everywhere at once.
//
//   std::string out;
//   AppendRuleJson(rule, Platform::kPdd, &out);
//   // {"id":"offsite.wechat","category":"offsite_platform","severity":"block",
//   //  "platforms":[...],"words":[...],"patterns":[],"detect":[],"allow":[...],
//   //  "homophones":true,"message":"...","suggestion":"...","fixable":true,
//   //  "source":"...","flag":[...],"clean":[...]}
#ifndef CHATLINT_RULE_JSON_H_
#define CHATLINT_RULE_JSON_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace chatlint {

struct Rule;
enum class Platform : uint8_t;

// Appends s as a JSON string literal (with quotes). Invalid UTF-8 becomes U+FFFD,
// so the output is always valid JSON; U+2028/2029 are escaped (they end a
// JavaScript string literal).
void AppendJsonString(std::string_view s, std::string* out);

// Appends one rule as a JSON object: id, category, severity, platforms, words,
// patterns, detect, allow (with `platform`'s own allowed contexts), homophones,
// message (as `platform` words it: message.<platform>, else the general message),
// suggestion (the replacement when the rule has one), fixable, source, and its
// flag/clean examples (empty lists for a caller's rules, which need none).
void AppendRuleJson(const Rule& rule, Platform platform, std::string* out);

}  // namespace chatlint

#endif  // CHATLINT_RULE_JSON_H_
