// CompiledRules: one compiled set per pack and platform, shared by every Checker
// given it; a checker's custom words and allow words stay its own; the pattern
// prefilter lets through every text a pattern can match.
#include <catch2/catch.hpp>

#include "checker.h"
#include "compiled_rules.h"
#include "embedded_rules.h"
#include "rule_pack.h"
#include "test_util.h"

using namespace chatlint;

namespace {

std::vector<std::string> Ids(const Checker& c, const std::string& text) {
  std::vector<Finding> findings;
  Checker::Scratch scratch;
  REQUIRE(c.Check(text, &findings, &scratch).ok());
  std::vector<std::string> out;
  for (const Finding& f : findings) out.push_back(c.rule(f).id + ":" + text.substr(f.byte_start, f.byte_end - f.byte_start));
  return out;
}

Rule CustomWord(const std::string& id, const std::string& word) {
  Rule r;
  r.id = id;
  r.category = Category::kOffsitePlatform;
  r.severity = Severity::kBlock;
  r.words = {word};
  r.message = "custom";
  return r;
}

// The built-in pack with a cache of its own beside it (each test starts from a fresh cache).
struct Builtin {
  RulePack pack;
  std::unique_ptr<CompiledRulesCache> cache;
  Builtin() {
    REQUIRE(pack.Deserialize(EmbeddedRulePack()).ok());
    cache = std::make_unique<CompiledRulesCache>(pack);
  }
  // A checker's options on `platform`, given the cache's set of `set_of`.
  Checker::Options Shared(Platform platform, Platform set_of) const {
    Checker::Options opt;
    opt.platform = platform;
    opt.compiled = cache->Get(set_of);
    return opt;
  }
};

}  // namespace

TEST_CASE("compiled rules: one set per platform, shared by every checker given it") {
  Builtin builtin;
  const RulePack& pack = builtin.pack;
  CompiledRulesCache& cache = *builtin.cache;
  std::shared_ptr<const CompiledRules> pdd = cache.Get(Platform::kPdd);
  REQUIRE(pdd != nullptr);
  CHECK(cache.Get(Platform::kPdd) == pdd);  // built once
  CHECK(cache.Get(Platform::kJd) != pdd);
  CHECK(cache.Get(Platform::kJd)->platform() == Platform::kJd);

  Checker::Options opt;
  opt.platform = Platform::kPdd;
  opt.compiled = pdd;
  const long before = pdd.use_count();
  Checker a(pack, opt), b(pack, opt);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(pdd.use_count() == before + 2);  // referenced, not copied
  CHECK(a.rules().size() == pdd->rules().size());

  // A shared checker reports what a checker compiling its own tables reports.
  Checker::Options own_opt;
  own_opt.platform = Platform::kPdd;
  Checker own(pack, own_opt);
  REQUIRE(own.ok());
  for (const char* text : {"亲，加我微信，电话13812345678，全网最低价", "好评返现5元哦", "你好，在的", ""}) {
    INFO(text);
    CHECK(Ids(a, text) == Ids(own, text));
    CHECK(Ids(b, text) == Ids(own, text));
  }
  // A pattern compiled through one checker is compiled for its siblings too.
  const size_t left = a.Warm(SIZE_MAX);
  CHECK(left == 0);
  CHECK(b.Warm(0) == 0);
}

TEST_CASE("compiled rules: custom words and allow words do not leak into a sibling checker") {
  Builtin builtin;
  const RulePack& pack = builtin.pack;
  const Checker::Options opt = builtin.Shared(Platform::kPdd, Platform::kPdd);
  Checker plain(pack, opt);

  Checker::Options custom_opt = opt;
  custom_opt.extra_rules.push_back(CustomWord("custom.jam", "蓝莓果酱"));
  custom_opt.allow_words = {"加我微信"};
  Checker custom(pack, custom_opt);
  REQUIRE(custom.ok());
  REQUIRE(plain.ok());
  CHECK(custom.rules().size() == plain.rules().size() + 1);
  CHECK(custom.rules().back()->id == "custom.jam");
  CHECK(opt.compiled->rules().size() == plain.rules().size());  // the shared set is unchanged

  CHECK(Ids(custom, "买蓝莓果酱") == std::vector<std::string>{"custom.jam:蓝莓果酱"});
  CHECK(Ids(plain, "买蓝莓果酱").empty());
  // The allow word covers the platform's finding in its own checker only.
  CHECK(Ids(custom, "加我微信").empty());
  CHECK_FALSE(Ids(plain, "加我微信").empty());

  // A checker built after, from the same set, sees none of it either.
  Checker later(pack, opt);
  CHECK(Ids(later, "买蓝莓果酱").empty());
  CHECK_FALSE(Ids(later, "加我微信").empty());
}

TEST_CASE("compiled rules: a set given for another platform is not used") {
  Builtin builtin;
  Checker jd(builtin.pack, builtin.Shared(Platform::kJd, Platform::kPdd));
  REQUIRE(jd.ok());
  CHECK(jd.platform() == Platform::kJd);
  CHECK(jd.rules().size() == builtin.cache->Get(Platform::kJd)->rules().size());
}

TEST_CASE("compiled rules: a pattern's prefilter passes every text the pattern can match") {
  const char pack_text[] = R"(
[t.pat]
category: offsite_trade
severity: block
pattern: 加\s*(?:微信|vx|v信)
pattern: (?:返|送)(?:现|红包)[0-9]+元
pattern: 好评.{0,6}(?:返|送)
pattern: [a-z]+@[a-z]+
trigger: 加
trigger: 返
trigger: 送
trigger: @
message: x
source: test
flag: 【加微信】
)";
  RulePack pack;
  REQUIRE(chatlint_test::LoadPackText(pack_text, &pack).ok());
  std::vector<const Rule*> rules{&pack.rules()[0]};
  Status status;
  auto set = CompiledRules::Build(rules, Platform::kPdd, {}, &status);
  REQUIRE(status.ok());
  REQUIRE(set->patterns().size() == 1);
  const CompiledRules::PatternRule& pr = set->patterns()[0];
  REQUIRE(pr.count == 4);
  auto may = [&](size_t p, const std::u32string& text) {
    return CompiledRules::MayMatch(CompiledRules::GetPrefilter(pr.patterns[p]), text);
  };
  CHECK(may(0, U"加微信"));
  CHECK(may(0, U"你加vx吧"));
  CHECK_FALSE(may(0, U"加油"));
  CHECK(may(1, U"返现5元"));
  CHECK(may(1, U"送红包10元"));
  CHECK_FALSE(may(1, U"返现金"));  // no 元
  CHECK(may(2, U"好评给您返"));
  CHECK_FALSE(may(2, U"好评"));
  CHECK(may(3, U"a@b"));  // only @ is required
  CHECK_FALSE(may(3, U"ab"));
  // What the prefilter lets through, RE2 decides.
  Checker::Options opt;
  opt.platform = Platform::kPdd;
  Checker c(pack, opt);
  CHECK(Ids(c, "加微信") == std::vector<std::string>{"t.pat:加微信"});
  CHECK(Ids(c, "加油").empty());
}

TEST_CASE("compiled rules: a rule's patterns are compiled once for every platform of one cache") {
  Builtin builtin;
  const RulePack& pack = builtin.pack;
  CompiledRulesCache& cache = *builtin.cache;
  auto pdd = cache.Get(Platform::kPdd);
  auto jd = cache.Get(Platform::kJd);
  size_t shared = 0;
  for (const CompiledRules::PatternRule& a : pdd->patterns())
    for (const CompiledRules::PatternRule& b : jd->patterns())
      if (pdd->rules()[a.rule] == jd->rules()[b.rule]) {
        CHECK(a.patterns.get() == b.patterns.get());
        ++shared;
      }
  CHECK(shared > 10);
  // Checkers built without the cache compile their own.
  Checker::Options opt;
  opt.platform = Platform::kPdd;
  Checker own(pack, opt);
  REQUIRE(own.ok());
  CHECK(own.Warm(0) > 0);
}
