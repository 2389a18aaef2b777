// The built-in (embedded) rule pack's checker for one platform, for tests that
// check what chatlint really ships.
#ifndef CHATLINT_TESTS_BUILTIN_CHECKER_H_
#define CHATLINT_TESTS_BUILTIN_CHECKER_H_

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "checker.h"
#include "embedded_rules.h"
#include "rule_pack.h"

namespace chatlint_test {

struct BuiltinChecker {
  chatlint::RulePack pack;
  std::unique_ptr<chatlint::Checker> checker;

  explicit BuiltinChecker(chatlint::Platform platform = chatlint::Platform::kPdd) {
    REQUIRE(pack.Deserialize(chatlint::EmbeddedRulePack()).ok());
    chatlint::Checker::Options opt;
    opt.platform = platform;
    checker = std::make_unique<chatlint::Checker>(pack, opt);
    REQUIRE(checker->ok());
  }
  // "ruleId:match" for every finding of a UTF-8 message, in order.
  std::vector<std::string> Run(const std::string& text) {
    std::vector<chatlint::Finding> findings;
    REQUIRE(checker->Check(text, &findings).ok());
    std::vector<std::string> out;
    for (const chatlint::Finding& f : findings)
      out.push_back(checker->rule(f).id + ":" + text.substr(f.byte_start, f.byte_end - f.byte_start));
    return out;
  }
  // The matches of one rule only.
  std::vector<std::string> Matches(const std::string& text, const std::string& rule_id) {
    std::vector<std::string> out;
    for (const std::string& f : Run(text))
      if (f.compare(0, rule_id.size() + 1, rule_id + ":") == 0) out.push_back(f.substr(rule_id.size() + 1));
    return out;
  }
};

}  // namespace chatlint_test

#endif  // CHATLINT_TESTS_BUILTIN_CHECKER_H_
