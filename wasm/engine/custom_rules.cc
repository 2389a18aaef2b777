#include "custom_rules.h"

namespace chatlint {

std::vector<std::string> SplitFields(std::string_view s, char sep) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  size_t start = 0;
  for (;;) {
    const size_t p = s.find(sep, start);
    out.emplace_back(s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
    if (p == std::string_view::npos) break;
    start = p + 1;
  }
  return out;
}

Status DecodeCustomRules(std::string_view encoded, std::vector<Rule>* out) {
  for (const std::string& rec : SplitFields(encoded, '\x1e')) {
    std::vector<std::string> f = SplitFields(rec, '\x1f');
    if (f.size() != 8)
      return Status::Error("custom rule record has " + std::to_string(f.size()) + " fields, expected 8");
    Rule r;
    r.id = f[0];
    if (!ParseCategory(f[1], &r.category))
      return Status::Error("custom rule " + r.id + ": unknown category '" + f[1] + "' (expected one of " +
                           CategoryList() + ")");
    if (!ParseSeverity(f[2], &r.severity))
      return Status::Error("custom rule " + r.id + ": unknown severity '" + f[2] + "' (expected block, warn or info)");
    r.words = SplitFields(f[3], '\x1d');
    r.homophones = f[4] == "1";
    r.message = f[5];
    r.suggestion = f[6];
    if (f[7] != "\x1d") {
      r.replace = f[7];
      r.has_replace = true;
    }
    r.source = "custom";
    r.platforms = kAllPlatforms;
    r.flag.push_back(RuleExample{r.words.empty() ? "" : r.words[0], 0, {}});
    out->push_back(std::move(r));
  }
  return Status();
}

std::vector<std::string> DecodeAllowWords(std::string_view encoded) { return SplitFields(encoded, '\x1e'); }

}  // namespace chatlint
