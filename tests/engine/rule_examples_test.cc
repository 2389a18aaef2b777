// Every rule's own examples, on every platform it applies to (ESLint RuleTester
// style): adding a rule means adding data to rules/, not code here.
//   flag:  the rule matches the example (rule checked on its own, overlaps kept)
//          and the example is not ok to send when the rule blocks;
//          written with 【】 marks (flag: 亲,加我【微信】聊): each of the rule's
//          findings is exactly a marked span, every marked span is reported, and
//          with overlaps resolved a finding of the rule's category still overlaps it;
//   clean: the rule does not match it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

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
          INFO(r.file << ":" << e.line << " flag: " << MarkSpans(e.text, e.spans));
          CHECK(fired(e.text));
          // Every flag example marks the span(s) its rule must report.
          CHECK_FALSE(e.spans.empty());
          {
            isolated.Check(e.text, &findings);
            std::set<ExampleSpan> reported;
            for (const Finding& f : findings) {
              if (isolated.rule(f).id != r.id) continue;
              const ExampleSpan span{f.byte_start, f.byte_end};
              INFO("reported '" << e.text.substr(span.begin, span.end - span.begin) << "'");
              CHECK(std::find(e.spans.begin(), e.spans.end(), span) != e.spans.end());
              CHECK(isolated.rule(f).category == r.category);
              reported.insert(span);
            }
            final_checker.Check(e.text, &findings);
            for (const ExampleSpan& want : e.spans) {
              INFO("marked '" << e.text.substr(want.begin, want.end - want.begin) << "'");
              CHECK(reported.count(want) == 1);
              // Overlaps resolved, the place is still marked in the rule's category (a longer
              // match of another rule of that category may win it).
              bool shown = false;
              for (const Finding& f : findings)
                shown |= final_checker.rule(f).category == r.category && f.byte_start < want.end &&
                         want.begin < f.byte_end;
              CHECK(shown);
            }
          }
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
