// RulePack and the rule compiler: one test per kind of broken pack (each error
// names file, line, rule id and field), platform resolution through includes,
// and the compiled form's round trip and corruption checks.
#include <catch2/catch.hpp>

#include "checker.h"
#include "rule_pack.h"
#include "test_util.h"

using namespace chatlint;
using chatlint_test::TempDir;

namespace {

const char kGood[] = R"(# a comment
[a.good]
category: abuse
severity: block
words: 滚
message: 辱骂买家
source: test
flag: 你【滚】
clean: 滚动播放
allow: 滚动
)";

// Loads `text` as the pack of pdd and verifies its examples; returns the error.
std::string ErrorOf(const std::string& text) {
  TempDir dir;
  RulePack pack;
  Status s = pack.LoadSourceFile(dir.Write("bad.rules", text), Platform::kPdd);
  if (s.ok()) s = Checker::VerifyExamples(pack);
  // Make the message independent of the temp dir.
  std::string e = s.error();
  size_t p = e.find(dir.path());
  if (p != std::string::npos) e.replace(p, dir.path().size() + 1, "");
  return e;
}

std::string With(const std::string& from, const std::string& to) {
  std::string s = kGood;
  size_t p = s.find(from);
  REQUIRE(p != std::string::npos);
  s.replace(p, from.size(), to);
  return s;
}

}  // namespace

TEST_CASE("a good pack loads and its examples verify") { CHECK(ErrorOf(kGood) == ""); }

TEST_CASE("error: unknown category") {
  CHECK_THAT(ErrorOf(With("category: abuse", "category: rudeness")),
             Catch::StartsWith("bad.rules:3: rule a.good: field 'category': unknown category 'rudeness'"));
}

TEST_CASE("error: unknown severity") {
  CHECK_THAT(ErrorOf(With("severity: block", "severity: fatal")),
             Catch::StartsWith("bad.rules:4: rule a.good: field 'severity': unknown severity"));
}

TEST_CASE("error: bad regex") {
  CHECK_THAT(ErrorOf(With("words: 滚", "pattern: 滚(\ntrigger: 滚")),
             Catch::StartsWith("bad.rules:2: rule a.good: field 'pattern': bad regex '滚('") &&
                 Catch::Contains("missing )"));
}

TEST_CASE("error: a pattern needs a trigger") {
  CHECK_THAT(ErrorOf(With("words: 滚", "pattern: 滚")),
             Catch::Contains("rule a.good: field 'trigger': a rule with patterns needs a trigger"));
}

TEST_CASE("error: bad trigger") {
  CHECK_THAT(ErrorOf(With("words: 滚", "pattern: 滚\ntrigger: <digits:x>")),
             Catch::Contains("field 'trigger': bad trigger '<digits:x>'"));
}

TEST_CASE("error: duplicate id") {
  CHECK_THAT(ErrorOf(std::string(kGood) + kGood),
             Catch::StartsWith("bad.rules:12: rule a.good: field 'id': duplicate id (first defined at") &&
                 Catch::Contains("bad.rules:2"));
}

TEST_CASE("error: missing message") {
  CHECK_THAT(ErrorOf(With("message: 辱骂买家\n", "")),
             Catch::StartsWith("bad.rules:2: rule a.good: field 'message': missing"));
}

TEST_CASE("error: missing source") {
  CHECK_THAT(ErrorOf(With("source: test\n", "")), Catch::Contains("rule a.good: field 'source': missing"));
}

TEST_CASE("error: no words and no pattern") {
  CHECK_THAT(ErrorOf(With("words: 滚\n", "")), Catch::Contains("rule a.good: field 'words': a rule needs"));
}

TEST_CASE("error: empty word between separators") {
  CHECK_THAT(ErrorOf(With("words: 滚", "words: 滚 || 爬")), Catch::Contains("field 'words': empty word"));
}

TEST_CASE("error: unknown field") {
  CHECK_THAT(ErrorOf(With("source: test", "source: test\ncolour: red")),
             Catch::StartsWith("bad.rules:8: rule a.good: field 'colour': unknown field"));
}

TEST_CASE("error: unknown platform") {
  CHECK_THAT(ErrorOf(With("source: test", "source: test\nplatforms: pdd weibo")),
             Catch::Contains("field 'platforms': unknown platform 'weibo' (expected pdd, taobao, tmall, jd, douyin, "
                             "kuaishou, generic or all)"));
}

TEST_CASE("message.<platform>: that platform's own message; message stays the general one") {
  TempDir dir;
  RulePack pack;
  REQUIRE(pack.LoadSourceFile(dir.Write("a.rules", With("message: 辱骂买家", "message: 辱骂买家\nmessage.jd: 京东:辱骂买家扣分")),
                              Platform::kJd).error() == "");
  const Rule& r = pack.rules()[0];
  CHECK(r.MessageOn(Platform::kJd) == "京东:辱骂买家扣分");
  CHECK(r.MessageOn(Platform::kPdd) == "辱骂买家");
  CHECK(r.MessageOn(Platform::kGeneric) == "辱骂买家");
  Checker::Options opt;
  opt.platform = Platform::kJd;
  Checker checker(pack, opt);
  std::vector<Finding> findings;
  REQUIRE(checker.Check("你滚", &findings).ok());
  REQUIRE(findings.size() == 1);
  CHECK(checker.message(findings[0]) == "京东:辱骂买家扣分");
}

TEST_CASE("allow.<platform>: contexts allowed on that platform only, kept in the compiled form") {
  TempDir dir;
  RulePack with_own, without;
  REQUIRE(with_own.LoadSourceFile(dir.Write("a.rules", With("allow: 滚动", "allow: 滚动\nallow.jd: 滚筒 | 滚轮\nallow.jd: 滚珠")),
                                  Platform::kJd).error() == "");
  REQUIRE(without.LoadSourceFile(dir.Write("b.rules", kGood), Platform::kJd).error() == "");
  CHECK(with_own.rules()[0].platform_allow[static_cast<int>(Platform::kJd)] ==
        std::vector<std::string>{"滚筒", "滚轮", "滚珠"});
  CHECK(with_own.rules()[0].AllowOn(Platform::kJd) == std::vector<std::string>{"滚动", "滚筒", "滚轮", "滚珠"});
  CHECK(with_own.rules()[0].AllowOn(Platform::kPdd) == std::vector<std::string>{"滚动"});
  std::string blob;
  with_own.Serialize(&blob);
  RulePack back;
  REQUIRE(back.Deserialize(blob).error() == "");
  Checker::Options opt;
  opt.platform = Platform::kJd;
  std::vector<Finding> findings;
  for (const RulePack* p : {&with_own, &back}) {
    Checker jd(*p, opt);
    REQUIRE(jd.Check("滚筒洗衣机,滚珠轴承", &findings).ok());
    CHECK(findings.empty());
    REQUIRE(jd.Check("你滚", &findings).ok());
    CHECK(findings.size() == 1);
  }
  Checker plain(without, opt);
  REQUIRE(plain.Check("滚筒洗衣机", &findings).ok());
  CHECK(findings.size() == 1);  // the same rule without allow.jd flags it
}

TEST_CASE("error: allow.<platform> with an unknown platform, an empty word, or where the rule does not apply") {
  CHECK_THAT(ErrorOf(With("allow: 滚动", "allow: 滚动\nallow.weibo: 滚筒")),
             Catch::StartsWith("bad.rules:11: rule a.good: field 'allow.weibo': unknown platform 'weibo' (expected pdd,"));
  CHECK_THAT(ErrorOf(With("allow: 滚动", "allow: 滚动\nallow.jd: 滚筒 || 滚轮")),
             Catch::Contains("rule a.good: field 'allow.jd': empty allowed context"));
  CHECK_THAT(ErrorOf(With("allow: 滚动", "allow: 滚动\nexcept: jd\nallow.jd: 滚筒")),
             Catch::StartsWith("bad.rules:12: rule a.good: field 'allow.jd': the rule does not apply on jd"));
}

TEST_CASE("error: message.<platform> with an unknown platform, twice, empty, or where the rule does not apply") {
  CHECK_THAT(ErrorOf(With("message: 辱骂买家", "message: 辱骂买家\nmessage.weibo: x")),
             Catch::StartsWith("bad.rules:7: rule a.good: field 'message.weibo': unknown platform 'weibo' (expected pdd,"));
  CHECK_THAT(ErrorOf(With("message: 辱骂买家", "message: 辱骂买家\nmessage.jd: a\nmessage.jd: b")),
             Catch::StartsWith("bad.rules:8: rule a.good: field 'message.jd': given twice"));
  CHECK_THAT(ErrorOf(With("message: 辱骂买家", "message: 辱骂买家\nmessage.jd:")),
             Catch::StartsWith("bad.rules:7: rule a.good: field 'message.jd': empty message"));
  CHECK_THAT(ErrorOf(With("message: 辱骂买家", "message: 辱骂买家\nexcept: jd\nmessage.jd: a")),
             Catch::StartsWith("bad.rules:8: rule a.good: field 'message.jd': the rule does not apply on jd"));
  CHECK_THAT(ErrorOf(With("message: 辱骂买家", "platforms: pdd\nmessage.jd: a\nmessage: 辱骂买家")),
             Catch::StartsWith("bad.rules:7: rule a.good: field 'message.jd': the rule does not apply on jd"));
  // A platform's message does not replace the general one.
  CHECK_THAT(ErrorOf(With("message: 辱骂买家", "message.pdd: 拼多多")),
             Catch::StartsWith("bad.rules:2: rule a.good: field 'message': missing"));
}

TEST_CASE("error: no flagged example") {
  CHECK_THAT(ErrorOf(With("flag: 你【滚】\n", "")), Catch::Contains("rule a.good: field 'flag': a rule needs"));
}

TEST_CASE("error: a flag example that is not flagged") {
  CHECK(ErrorOf(With("flag: 你【滚】", "flag: 你好")) ==
        "bad.rules:8: rule a.good: field 'flag': example '你好' is not flagged by this rule on pdd");
}

TEST_CASE("error: a clean example that is flagged") {
  CHECK(ErrorOf(With("clean: 滚动播放", "clean: 滚开")) ==
        "bad.rules:9: rule a.good: field 'clean': example '滚开' is flagged by this rule on pdd (match '滚')");
}

TEST_CASE("marked flag examples: the rule must report exactly the 【】 spans") {
  // An unmarked flag example is refused, showing what to mark.
  CHECK(ErrorOf(With("flag: 你【滚】", "flag: 你滚")) ==
        "bad.rules:8: rule a.good: field 'flag': example '你滚' has no 【】 marks: mark the span the rule must report "
        "(the rule reports '你【滚】' on pdd; chatlint-rulec --annotate-examples marks unmarked examples for you)");
  CHECK(ErrorOf(With("flag: 你【滚】", "flag: 【滚】吧【滚】")) == "");
  CHECK(ErrorOf(With("flag: 你【滚】", "flag: 【你滚】")) ==
        "bad.rules:8: rule a.good: field 'flag': example '【你滚】': the rule reports '你【滚】' on pdd "
        "(the 【】 marks must be exactly what it reports)");
  // Every marked span must be reported, and every reported one marked.
  CHECK_THAT(ErrorOf(With("flag: 你【滚】", "flag: 【滚】吧滚")),
             Catch::Contains("example '【滚】吧滚': the rule reports '【滚】吧【滚】' on pdd"));
  CHECK_THAT(ErrorOf(With("flag: 你【滚】", "flag: 【滚】吧【你】")),
             Catch::Contains("example '【滚】吧【你】': the rule reports '【滚】吧你' on pdd"));
  // The marks are stripped before checking: the compiled example has the text and the spans.
  TempDir dir;
  RulePack pack;
  REQUIRE(pack.LoadSourceFile(dir.Write("a.rules", With("flag: 你【滚】", "flag: 你【滚】吧")), Platform::kPdd).ok());
  const RuleExample& e = pack.rules()[0].flag[0];
  CHECK(e.text == "你滚吧");
  REQUIRE(e.spans.size() == 1);
  CHECK(e.text.substr(e.spans[0].begin, e.spans[0].end - e.spans[0].begin) == "滚");
}

TEST_CASE("error: broken 【】 marks, and marks on a clean example") {
  CHECK_THAT(ErrorOf(With("flag: 你【滚】", "flag: 你【滚")),
             Catch::StartsWith("bad.rules:8: rule a.good: field 'flag': a 【 without its 】 in '你【滚'"));
  CHECK_THAT(ErrorOf(With("flag: 你【滚】", "flag: 你滚】")), Catch::Contains("field 'flag': a 】 without its 【"));
  CHECK_THAT(ErrorOf(With("flag: 你【滚】", "flag: 【你【滚】】")), Catch::Contains("field 'flag': a 【 inside a marked span"));
  CHECK_THAT(ErrorOf(With("flag: 你【滚】", "flag: 你【】滚")), Catch::Contains("field 'flag': an empty marked span"));
  CHECK_THAT(ErrorOf(With("flag: 你【滚】", "flag: 【】")), Catch::Contains("field 'flag': an empty marked span"));
  CHECK_THAT(ErrorOf(With("clean: 滚动播放", "clean: 【滚动】播放")),
             Catch::StartsWith("bad.rules:9: rule a.good: field 'clean': 【】 marks what a flag example must report"));
}

TEST_CASE("error: a field outside a rule, and a line that is no field") {
  CHECK_THAT(ErrorOf("category: abuse\n"), Catch::StartsWith("bad.rules:1: field 'category' outside a rule"));
  CHECK_THAT(ErrorOf(With("source: test", "source: test\njust words")),
             Catch::StartsWith("bad.rules:8: rule a.good: expected 'field: value'"));
}

TEST_CASE("error: a field given twice") {
  CHECK_THAT(ErrorOf(With("severity: block", "severity: block\nseverity: warn")),
             Catch::Contains("field 'severity': given twice"));
}

TEST_CASE("error: a value of the wrong type") {
  CHECK_THAT(ErrorOf(With("source: test", "source: test\nhomophones: maybe")),
             Catch::StartsWith("bad.rules:8: rule a.good: field 'homophones': expected yes or no, got 'maybe'"));
  CHECK_THAT(ErrorOf(With("severity: block", "severity: 2")), Catch::Contains("field 'severity': unknown severity '2'"));
  CHECK_THAT(ErrorOf(With("words: 滚", "pattern: 滚\ntrigger: <digits:0>")),
             Catch::Contains("field 'trigger': bad trigger '<digits:0>'"));
}

TEST_CASE("error: an unknown detector; a known one runs with the rule's examples") {
  CHECK_THAT(ErrorOf(With("words: 滚", "detect: fax")),
             Catch::Contains("rule a.good: field 'detect': unknown detector 'fax' (expected one of mobile, landline)"));
  const std::string phone = With("words: 滚", "detect: mobile");
  CHECK_THAT(ErrorOf(phone), Catch::Contains("field 'flag': example '你【滚】' is not flagged"));
  std::string ok = phone;
  ok.replace(ok.find("flag: 你【滚】"), std::string("flag: 你【滚】").size(), "flag: 电话【138 1234 5678】");
  CHECK(ErrorOf(ok) == "");
}

TEST_CASE("error: include of a missing file") {
  CHECK_THAT(ErrorOf(std::string("include nowhere.rules\n") + kGood),
             Catch::StartsWith("bad.rules:1: include '") && Catch::Contains("nowhere.rules': file not found"));
}

TEST_CASE("platforms resolve through includes, platforms: and except:") {
  TempDir dir;
  dir.Write("shared/common.rules", R"(
[s.all]
category: abuse
severity: block
words: 滚
message: m
source: s
flag: 【滚】

[s.not_taobao]
category: offsite_platform
severity: block
words: 支付宝
except: taobao tmall
message: m
source: s
flag: 【支付宝】

[s.only_pdd]
category: platform_term
severity: block
platforms: pdd
words: 宝贝
message: m
source: s
flag: 【宝贝】
)");
  for (const char* p : {"pdd", "taobao", "tmall", "jd", "douyin", "kuaishou"})
    dir.Write(std::string(p) + ".rules", "include shared/common.rules\n");
  dir.Write("generic.rules", "# shared rules only\ninclude shared/common.rules\n");
  RulePack pack;
  REQUIRE(pack.LoadSources(dir.path()).error() == "");
  REQUIRE(pack.rules().size() == 3);
  CHECK(pack.Find("s.all")->platforms == kAllPlatforms);
  const Rule* zfb = pack.Find("s.not_taobao");
  CHECK(zfb->AppliesTo(Platform::kPdd));
  CHECK_FALSE(zfb->AppliesTo(Platform::kTaobao));
  CHECK_FALSE(zfb->AppliesTo(Platform::kTmall));
  CHECK(zfb->AppliesTo(Platform::kGeneric));
  CHECK(zfb->AppliesTo(Platform::kDouyin));
  CHECK(zfb->AppliesTo(Platform::kKuaishou));
  CHECK(pack.Find("s.only_pdd")->platforms == 1u << static_cast<int>(Platform::kPdd));
}

TEST_CASE("a missing platform pack is an error naming the file") {
  TempDir dir;
  RulePack pack;
  CHECK_THAT(pack.LoadSources(dir.path()).error(), Catch::Contains("pdd.rules: cannot open rule file"));
}

TEST_CASE("the compiled form round-trips") {
  TempDir dir;
  RulePack pack;
  REQUIRE(pack.LoadSourceFile(dir.Write("a.rules", With("flag: 你【滚】", "flag: 你【滚】") + "replace: 走\nmessage.jd: 京东的说法\n"),
                              Platform::kJd).ok());
  std::string blob;
  pack.Serialize(&blob);
  RulePack back;
  REQUIRE(back.Deserialize(blob).error() == "");
  REQUIRE(back.rules().size() == 1);
  const Rule& r = back.rules()[0];
  CHECK(r.id == "a.good");
  CHECK(r.category == Category::kAbuse);
  CHECK(r.platforms == 1u << static_cast<int>(Platform::kJd));
  CHECK(r.words == std::vector<std::string>{"滚"});
  CHECK(r.allow == std::vector<std::string>{"滚动"});
  CHECK(r.has_replace);
  CHECK(r.replace == "走");
  CHECK(r.flag.size() == 1);
  CHECK(r.flag[0].line == 8);
  CHECK(r.message == "辱骂买家");
  CHECK(r.MessageOn(Platform::kJd) == "京东的说法");
  CHECK(r.MessageOn(Platform::kPdd) == "辱骂买家");
  REQUIRE(r.flag[0].spans.size() == 1);
  CHECK(r.flag[0].text == "你滚");
  CHECK(r.flag[0].spans[0] == ExampleSpan{3, 6});
  std::string again;
  back.Serialize(&again);
  CHECK(again == blob);
}

TEST_CASE("a corrupt or truncated compiled pack is refused with a reason") {
  RulePack pack;
  CHECK_THAT(pack.Deserialize("hello world!").error(), Catch::Contains("not a compiled chatlint rule pack"));
  RulePack good;
  TempDir dir;
  REQUIRE(good.LoadSourceFile(dir.Write("a.rules", kGood), Platform::kPdd).ok());
  std::string blob;
  good.Serialize(&blob);
  for (size_t cut : {size_t(12), blob.size() / 2, blob.size() - 1})
    CHECK_THAT(pack.Deserialize(blob.substr(0, cut)).error(), Catch::Contains("truncated"));
  std::string wrong_version = blob;
  wrong_version[4] = 9;
  CHECK_THAT(pack.Deserialize(wrong_version).error(), Catch::Contains("format version 9"));
}
