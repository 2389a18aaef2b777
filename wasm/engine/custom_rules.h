// Custom rules and allow words as the npm package sends them across the
// WebAssembly boundary (js/src/create_checker.js encodes; no JSON parser here).
//
//   customRules: records separated by \x1e, fields by \x1f:
//     id, category, severity, words (separated by \x1d), homophones (0/1),
//     message, suggestion, replace (\x1d alone = none)
//   allowWords:  words separated by \x1e
//
//   std::vector<Rule> rules;
//   Status s = DecodeCustomRules(encoded, &rules);   // then Checker::Options::extra_rules
//
// The binding (wasm/binding/binding.cc) and the custom-words fuzz target both decode
// through here, so the fuzzer exercises exactly what the package does.
#ifndef CHATLINT_CUSTOM_RULES_H_
#define CHATLINT_CUSTOM_RULES_H_

#include <string>
#include <string_view>
#include <vector>

#include "rule.h"
#include "status.h"

namespace chatlint {

// Appends the decoded rules to `out` (source "custom", every platform, the first
// word as the flag example). An error names the record and field.
Status DecodeCustomRules(std::string_view encoded, std::vector<Rule>* out);

// The allow words (an empty string gives none).
std::vector<std::string> DecodeAllowWords(std::string_view encoded);

// `s` split at every `sep` (an empty string gives no parts).
std::vector<std::string> SplitFields(std::string_view s, char sep);

}  // namespace chatlint

#endif  // CHATLINT_CUSTOM_RULES_H_
