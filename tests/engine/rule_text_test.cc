// RuleText: the caller's rules (the npm package's customWords and allowWords) go
// through the same parser as the packs in rules/; what differs for a caller is only
// what a rule must carry (no seed, no examples) and the allow words before the first
// rule. Pack-specific errors are in rule_pack_test.cc.
#include <catch2/catch.hpp>

#include "checker.h"
#include "embedded_rules.h"
#include "rule_pack.h"
#include "rule_text.h"

using namespace chatlint;

namespace {

struct Parsed {
  std::vector<Rule> rules;
  std::vector<std::string> allow;
  std::string error;
};

Parsed Parse(const std::string& text) {
  Parsed p;
  Status s = ParseCallerRules(text, "customWords", &p.rules, &p.allow);
  p.error = s.error();
  return p;
}

}  // namespace

TEST_CASE("caller rules: the pack syntax, with source 'custom', every platform and no examples needed") {
  Parsed p = Parse(
      "allow: 微信支付 | 支付宝付款\n"
      "[custom.1]\ncategory: offsite_platform\nseverity: warn\nwords: 抖商 | 快团团\nhomophones: yes\n"
      "message: 不要提抖商\nsuggestion: 请在平台内沟通\nreplace: 平台\n"
      "[custom.2]\ncategory: abuse\nseverity: block\nwords: 笨蛋\nmessage: 自定义违禁词:笨蛋\n");
  REQUIRE(p.error == "");
  REQUIRE(p.rules.size() == 2);
  const Rule& r = p.rules[0];
  CHECK(r.id == "custom.1");
  CHECK(r.category == Category::kOffsitePlatform);
  CHECK(r.severity == Severity::kWarn);
  CHECK(r.words == std::vector<std::string>{"抖商", "快团团"});
  CHECK(r.homophones);
  CHECK(r.message == "不要提抖商");
  CHECK(r.suggestion == "请在平台内沟通");
  CHECK(r.has_replace);
  CHECK(r.replace == "平台");
  CHECK(r.source == "custom");
  CHECK(r.platforms == kAllPlatforms);
  CHECK(r.flag.empty());
  CHECK_FALSE(p.rules[1].has_replace);
  CHECK(p.allow == std::vector<std::string>{"微信支付", "支付宝付款"});
}

TEST_CASE("caller rules: escapes keep any text of a message, suggestion or replacement") {
  const std::string message = "第一行\n第二行\t\\结尾 ";
  const std::string replace = " 平台 ";
  Parsed p = Parse("[custom.1]\ncategory: abuse\nseverity: block\nwords: 笨蛋\nmessage: " + EscapeRuleText(message) +
                   "\nreplace: " + EscapeRuleText(replace) + "\nsuggestion: " + EscapeRuleText("") + "\n");
  REQUIRE(p.error == "");
  CHECK(p.rules[0].message == message);
  CHECK(p.rules[0].replace == replace);
  CHECK(p.rules[0].has_replace);
  CHECK(EscapeRuleText("a\r\nb\\") == "a\\r\\nb\\\\");
  CHECK(EscapeRuleText(" x y ") == "\\sx y\\s");
}

TEST_CASE("caller rules: errors name the text, line, rule and field") {
  CHECK(Parse("[custom.1]\ncategory: nope\n").error ==
        "customWords:2: rule custom.1: field 'category': unknown category 'nope' (expected one of " + CategoryList() + ")");
  CHECK(Parse("[custom.1]\ncategory: abuse\nseverity: block\nwords: 笨蛋\n").error ==
        "customWords:1: rule custom.1: field 'message': missing (say which platform rule it breaks)");
  CHECK(Parse("[custom.1]\ncategory: abuse\nseverity: block\nmessage: m\n").error ==
        "customWords:1: rule custom.1: field 'words': a rule needs at least one word, pattern or detect");
  CHECK(Parse("[custom.1]\ncategory: abuse\nseverity: block\nwords: 笨蛋\nmessage: a\\qb\n").error ==
        "customWords:5: rule custom.1: field 'message': unknown escape '\\q' (expected \\n \\r \\t \\s or \\\\)");
  CHECK(Parse("[custom.1]\ncategory: abuse\nseverity: block\nwords: 笨蛋\nmessage: a\\\n").error ==
        "customWords:5: rule custom.1: field 'message': a lone '\\' at the end (write \\\\ for a backslash)");
  CHECK(Parse("[c.1]\ncategory: abuse\nseverity: block\nwords: a\nmessage: m\n[c.1]\ncategory: abuse\n"
              "severity: block\nwords: b\nmessage: m\n")
            .error == "customWords:6: rule c.1: field 'id': duplicate id");
  CHECK(Parse("include shared/trade.rules\n").error == "customWords:1: 'include' is for rule packs, not a caller's rules");
  CHECK(Parse("allow: a || b\n").error == "customWords:1: field 'allow': empty word (check the '|' separators)");
  CHECK(Parse("words: a\n").error == "customWords:1: field 'words' outside a rule (start one with [id])");
}

TEST_CASE("pack rules still need their seed and a flag example; a caller's do not") {
  Rule r;
  r.id = "x.y";
  r.words = {"滚"};
  r.message = "m";
  r.platforms = kAllPlatforms;
  CHECK(ValidateRule(r, "here", RuleOrigin::kCaller).ok());
  CHECK(ValidateRule(r, "here").error() == "here: rule x.y: field 'source': missing (name the seed the rule comes from)");
  r.source = "seed.txt";
  CHECK(ValidateRule(r, "here").error() == "here: rule x.y: field 'flag': a rule needs at least one flagged example");
}

TEST_CASE("caller rules parsed from text check like any rule, with the caller's allow words") {
  RulePack pack;
  REQUIRE(pack.Deserialize(EmbeddedRulePack()).ok());
  Checker::Options opt;
  opt.platform = Platform::kPdd;
  REQUIRE(ParseCallerRules("allow: 抖商学院\n[custom.1]\ncategory: offsite_platform\nseverity: block\nwords: 抖商\n"
                           "message: 不要提抖商\nreplace: 平台\n",
                           "customWords", &opt.extra_rules, &opt.allow_words)
              .ok());
  Checker checker(pack, opt);
  REQUIRE(checker.ok());
  std::vector<Finding> findings;
  REQUIRE(checker.Check(std::string_view("去抖 商看看"), &findings).ok());
  REQUIRE(findings.size() == 1);
  CHECK(checker.rule(findings[0]).id == "custom.1");
  CHECK(checker.message(findings[0]) == "不要提抖商");
  CHECK(checker.Fix(std::string_view("去抖商看看"), nullptr) == "去平台看看");
  REQUIRE(checker.Check(std::string_view("报名抖商学院"), &findings).ok());
  CHECK(findings.empty());
}
