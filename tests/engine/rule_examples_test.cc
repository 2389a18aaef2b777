// Every rule's own examples, on every platform it applies to (ESLint RuleTester
// style): adding a rule means adding data to rules/, not code here.
//   flag:  the rule matches the example (rule checked on its own, overlaps kept)
//          and the example is not ok to send when the rule blocks;
//   clean: the rule does not match it.
#include <catch2/catch.hpp>

#include "checker.h"
#include "embedded_rules.h"
#include "rule_pack.h"

using namespace chatlint;

TEST_CASE("every rule's examples behave as declared, on every platform it applies to") {
  RulePack pack;
  REQUIRE(pack.Deserialize(EmbeddedRulePack()).error() == "");
  REQUIRE(pack.rules().size() > 0);
  size_t checked = 0;
  for (int p = 0; p < kPlatformCount; ++p) {
    const Platform platform = static_cast<Platform>(p);
    Checker::Options isolated_opt;
    isolated_opt.platform = platform;
    isolated_opt.keep_overlaps = true;
    Checker isolated(pack, isolated_opt);
    Checker::Options final_opt;
    final_opt.platform = platform;
    Checker final_checker(pack, final_opt);
    REQUIRE(isolated.ok());
    REQUIRE(final_checker.ok());
    std::vector<Finding> findings;
    for (const Rule& r : pack.rules()) {
      if (!r.AppliesTo(platform)) continue;
      {
        INFO("rule " << r.id << " on " << PlatformName(platform));
        auto fired = [&](const std::string& text) {
          isolated.Check(text, &findings);
          for (const Finding& f : findings)
            if (isolated.rule(f).id == r.id) return true;
          return false;
        };
        for (const RuleExample& e : r.flag) {
          INFO(r.file << ":" << e.line << " flag: " << e.text);
          CHECK(fired(e.text));
          final_checker.Check(e.text, &findings);
          CHECK_FALSE(findings.empty());
          if (r.severity == Severity::kBlock) {
            bool blocked = false;
            for (const Finding& f : findings) blocked |= final_checker.rule(f).severity == Severity::kBlock;
            CHECK(blocked);
          }
          ++checked;
        }
        for (const RuleExample& e : r.clean) {
          INFO(r.file << ":" << e.line << " clean: " << e.text);
          CHECK_FALSE(fired(e.text));
          ++checked;
        }
      }
    }
  }
  CHECK(checked > 0);
}
