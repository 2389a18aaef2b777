// RulePack: the rules chatlint applies, read from the text packs in rules/ or
// from their compiled binary form.
//
// The text form (rules/README.md) is for people: comments, includes, one pack
// per platform. The compiled form (a .clp file, "chatlint pack") is for the
// engine: every rule already resolved to the platforms it applies on, loaded
// with one linear read. chatlint-rulec turns the first into the second at
// build time, and the build embeds it; `chatlint check --rules FILE` loads one
// at run time.
//
//   RulePack pack;
//   Status s = pack.LoadSources("rules");   // rules/{pdd,taobao,tmall,jd,douyin,kuaishou,generic}.rules
//   if (!s.ok()) { puts(s.error().c_str()); }  // "rules/x.rules:12: rule a.b: field 'category': ..."
//   std::string blob;
//   pack.Serialize(&blob);
//   RulePack loaded;
//   s = loaded.Deserialize(blob);
//
// Validation done here: syntax, known fields, required fields, categories,
// severities, platform names, duplicate ids, RE2 patterns that compile, trigger
// syntax, includes that exist. Whether each rule's examples behave as declared
// needs the matcher: see Checker::VerifyExamples.
#ifndef CHATLINT_RULE_PACK_H_
#define CHATLINT_RULE_PACK_H_

#include <string>
#include <string_view>
#include <vector>

#include "rule.h"
#include "rule_text.h"
#include "status.h"

namespace chatlint {

class RulePack {
 public:
  RulePack() = default;
  RulePack(const RulePack&) = delete;
  RulePack& operator=(const RulePack&) = delete;
  RulePack(RulePack&&) = default;
  RulePack& operator=(RulePack&&) = default;

  // Reads the platform packs <dir>/<platform>.rules and everything they include.
  Status LoadSources(const std::string& dir);
  // Reads one text pack as if it were the pack of `platform` (tests, custom packs).
  Status LoadSourceFile(const std::string& path, Platform platform);

  void Serialize(std::string* out) const;
  Status Deserialize(std::string_view data);

  const std::vector<Rule>& rules() const { return rules_; }
  std::vector<Rule>& mutable_rules() { return rules_; }
  const Rule* Find(std::string_view id) const;

 private:
  std::vector<Rule> rules_;
};

// Parses a `<digits:N>` trigger (N from 1 to 64); false for anything else.
bool ParseDigitsTrigger(std::string_view trigger, int* n);

// Checks one rule's fields (the text parser calls it for pack rules and for a
// caller's rules; the Checker for Options::extra_rules). `where` prefixes the error,
// e.g. "rules/pdd.rules:12". A pack rule must name its source and carry a flag
// example; a caller's rule need not (RuleOrigin, rule_text.h).
Status ValidateRule(const Rule& rule, const std::string& where, RuleOrigin origin = RuleOrigin::kPack);

}  // namespace chatlint

#endif  // CHATLINT_RULE_PACK_H_
