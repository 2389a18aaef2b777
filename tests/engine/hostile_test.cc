// Hostile input to the built-in rules: text an agent's page may hold that no rule
// author thought of. Every message must be checked correctly and in time linear
// in its length; each case here was once a hang, a miss or a crash.
//
// These tests assert results, not times: a regression to exponential or
// quadratic work shows as a test that does not finish (ctest's TIMEOUT).
#include <catch2/catch.hpp>

#include <string>
#include <sys/mman.h>
#include <vector>

#include "checker.h"
#include "builtin_checker.h"
#include "embedded_rules.h"
#include "pinyin_index.h"
#include "test_util.h"

using namespace chatlint;
using chatlint_test::LoadPackText;
using chatlint_test::U16;

namespace {

using Builtin = chatlint_test::BuiltinChecker;

std::string Repeat(const std::string& s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("Latin runs that are almost pinyin are segmented in linear time, whatever their length") {
  // "anan…anq": every prefix splits into syllables (an, a+n…) but the whole run never
  // does. Segmentation used to backtrack without memory: 24 "an" took 6 s, each more ×3.
  PinyinIndex py;
  std::vector<PinyinIndex::Syllable> syl;
  CHECK_FALSE(py.Segment(Utf32FromUtf8(Repeat("an", 24) + "q"), &syl));
  CHECK_FALSE(py.Segment(Utf32FromUtf8(Repeat("an", 5000) + "q"), &syl));
  REQUIRE(py.Segment(Utf32FromUtf8(Repeat("an", 5000)), &syl));
  CHECK(syl.size() == 5000);
  // Longest syllable first, as before: xian is one syllable, not xi + an.
  REQUIRE(py.Segment(U"xianxia", &syl));
  REQUIRE(syl.size() == 2);
  CHECK(syl[0].length == 4);
  // A run longer than the old 64-letter limit still stands for its sounds.
  REQUIRE(py.Segment(Utf32FromUtf8(Repeat("hao", 30) + "weixin"), &syl));
  CHECK(syl.size() == 32);

  Builtin pdd(Platform::kPdd);
  CHECK(pdd.Run(Repeat("an", 24) + "q") == V{});
  CHECK(pdd.Run(Repeat("an", 20000) + "q") == V{});
  CHECK(pdd.Matches("加我" + Repeat("an", 40) + "weixin", "offsite.wechat").size() == 1);
}

TEST_CASE("every phone number in a message is found, whatever separates them") {
  Builtin pdd(Platform::kPdd);
  const char* separators[] = {" ", "，", ",", "、", "/", "\n", "或", "和", " 或者 ", "；", "  ", "\t", "|"};
  for (const char* sep : separators) {
    INFO("separator '" << sep << "'");
    const std::string text = std::string("13812345678") + sep + "13912345678";
    CHECK(pdd.Matches(text, "contact.mobile") == V{"13812345678", "13912345678"});
    CHECK(pdd.Matches("电话" + text + "都可以", "contact.mobile") == V{"13812345678", "13912345678"});
  }
  // Three in a row, and the spaced form of each.
  CHECK(pdd.Matches("13812345678 13912345678 15012345678", "contact.mobile") ==
        V{"13812345678", "13912345678", "15012345678"});
  CHECK(pdd.Matches("138 1234 5678 139 1234 5678", "contact.mobile") == V{"138 1234 5678", "139 1234 5678"});
  CHECK(pdd.Matches("138-1234-5678，139-1234-5678", "contact.mobile") == V{"138-1234-5678", "139-1234-5678"});
  // Chinese digits, as the disguise matrix has them.
  CHECK(pdd.Matches("一三八一二三四五六七八 一三九一二三四五六七八", "contact.mobile").size() == 2);
}

TEST_CASE("an order or tracking number next to a phone number does not hide it") {
  Builtin pdd(Platform::kPdd);
  CHECK(pdd.Matches("订单号231122-123456789012345 13812345678", "contact.mobile") == V{"13812345678"});
  CHECK(pdd.Matches("订单231122123456789012 13812345678", "contact.mobile") == V{"13812345678"});
  CHECK(pdd.Matches("13812345678 231122123456789012", "contact.mobile") == V{"13812345678"});
  CHECK(pdd.Matches("运单SF1234567890123 电话13812345678", "contact.mobile") == V{"13812345678"});
  CHECK(pdd.Matches("手机13812345678订单号231122-123456789012345", "contact.mobile") == V{"13812345678"});
  // And numbers that are not phones stay clean, however they are grouped.
  CHECK(pdd.Matches("订单号231122-123456789012345", "contact.mobile") == V{});
  CHECK(pdd.Matches("订单号 2311 2213 8123 4567 8901", "contact.mobile") == V{});
  CHECK(pdd.Matches("单号13812345678901234", "contact.mobile") == V{});
  CHECK(pdd.Matches("顺丰单号SF13812345678", "contact.mobile") == V{});
  CHECK(pdd.Matches("已核对,手机号138****5678,地址无误", "contact.mobile") == V{});
}

TEST_CASE("fix() of a message with 100,000 fixable findings is linear") {
  // Fixable findings used to be ordered by pairwise comparison, and each fix
  // rebuilt the whole string.
  Builtin pdd(Platform::kPdd);
  const size_t n = 100000;
  std::vector<Finding> applied;
  const std::string fixed = pdd.checker->Fix(Repeat("宝贝", n), &applied);
  CHECK(applied.size() == n);
  CHECK(fixed == Repeat("商品", n));
  const std::u16string fixed16 = pdd.checker->Fix(U16(Repeat("这个宝贝，", n)), &applied);
  CHECK(applied.size() == n);
  CHECK(fixed16 == U16(Repeat("这个商品，", n)));
  // Overlapping fixable findings of different categories: the longest is applied once.
  const std::string one = pdd.checker->Fix(std::string("这是最好的宝贝"), &applied);
  CHECK(one.find("宝贝") == std::string::npos);
}

TEST_CASE("odd text: only emoji, only combining marks, NUL and every control character") {
  Builtin pdd(Platform::kPdd);
  std::vector<Finding> f;
  std::string emoji;
  for (int i = 0; i < 20000; ++i) emoji += (i % 3 == 0) ? "😀" : (i % 3 == 1) ? "👍🏻" : "👨‍👩‍👧";
  REQUIRE(pdd.checker->Check(emoji, &f).ok());
  CHECK(f.empty());
  // Emoji between the characters of a word are separators: the finding spans them.
  CHECK(pdd.Matches("加😀微👍🏻信", "offsite.wechat") == V{"微👍🏻信"});

  std::string marks;
  for (int i = 0; i < 50000; ++i) marks += "\u0301\u0308\u20dd";
  REQUIRE(pdd.checker->Check(marks, &f).ok());
  CHECK(f.empty());
  CHECK(pdd.Matches("微\u0301信", "offsite.wechat") == V{"微\u0301信"});

  // NUL and every C0 / C1 control between the words, natively in UTF-8 and UTF-16.
  std::u16string controls;
  for (char16_t c = 0; c < 0x20; ++c) controls.push_back(c);
  for (char16_t c = 0x7F; c <= 0x9F; ++c) controls.push_back(c);
  std::u16string text = u"加我微" + controls + u"信";
  REQUIRE(pdd.checker->Check(text, &f).ok());
  bool wechat = false;
  for (const Finding& x : f)
    if (pdd.checker->rule(x).id == "offsite.wechat") {
      wechat = true;
      CHECK(x.start == 2);
      CHECK(x.end == text.size());
    }
  CHECK(wechat);
  const std::string nul_text("亲\0加我微信\0", 18);
  CHECK(pdd.Matches(nul_text, "offsite.wechat") == V{"微信"});
}

TEST_CASE("a message longer than 32-bit offsets is refused with a reason, and the next one is checked") {
  // 4 GiB + 1 bytes of zeros, mapped lazily: nothing is read, the length alone is refused.
  Builtin pdd(Platform::kPdd);
  const size_t size = size_t{1} << 32;
  void* mem = mmap(nullptr, size + 1, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  REQUIRE(mem != MAP_FAILED);
  std::vector<Finding> f;
  f.resize(3);
  Status s = pdd.checker->Check(std::string_view(static_cast<const char*>(mem), size + 1), &f);
  CHECK_FALSE(s.ok());
  CHECK_THAT(s.error(), Catch::Contains("4294967297 bytes") && Catch::Contains("4294967295"));
  CHECK(f.empty());
  munmap(mem, size + 1);
  CHECK(pdd.Run("加我微信").size() == 2);
}

TEST_CASE("custom words: 50,000 of them, and empty, all-separator or one-character words") {
  RulePack pack;
  REQUIRE(pack.Deserialize(chatlint::EmbeddedRulePack()).ok());
  auto custom = [](std::vector<std::string> words) {
    Rule r;
    r.id = "custom.1";
    r.category = Category::kOffsitePlatform;
    r.words = std::move(words);
    r.message = "自定义违禁词";
    r.source = "caller";
    r.flag = {{"x", 0}};
    return r;
  };
  std::vector<std::string> many;
  for (int i = 0; i < 50000; ++i) many.push_back("竞品" + std::to_string(i) + "号");
  Checker::Options opt;
  opt.platform = Platform::kPdd;
  opt.extra_rules = {custom(many)};
  Checker big(pack, opt);
  REQUIRE(big.ok());
  std::vector<Finding> f;
  big.Check(std::string("我们比竞品25000号好"), &f);
  REQUIRE(f.size() == 1);
  CHECK(big.rule(f[0]).id == "custom.1");
  big.Check(std::string("我们比竞品50000号好"), &f);
  CHECK(f.empty());

  for (const char* bad : {"", "   ", " ，。！😀 "}) {
    INFO("word '" << bad << "'");
    opt.extra_rules = {custom({bad})};
    Checker c(pack, opt);
    CHECK_FALSE(c.ok());
    CHECK_THAT(c.error(), Catch::Contains("custom.1") && Catch::Contains("words"));
    opt.extra_rules.clear();
    opt.allow_words = {bad};
    Checker a(pack, opt);
    CHECK_FALSE(a.ok());
    CHECK_THAT(a.error(), Catch::Contains("allow word"));
    opt.allow_words.clear();
  }
  opt.extra_rules = {custom({"坑"})};
  Checker one(pack, opt);
  REQUIRE(one.ok());
  one.Check(std::string("这不是坑人吗"), &f);
  REQUIRE(f.size() == 1);
  CHECK(f[0].start == 3);
  // A repeat right after a whole word is another match, not a disguise of the first.
  one.Check(std::string("坑坑，坑"), &f);
  REQUIRE(f.size() == 3);
  CHECK(f[1].start == 1);
  CHECK(f[2].start == 3);
}

TEST_CASE("a catastrophic-looking pattern stays linear under RE2") {
  // (a+)+$ and (x|xx)*y backtrack exponentially in a backtracking engine; RE2 runs
  // them as automata. 200,000 letters that almost match are checked at once.
  const char pack_text[] = R"(
[t.nested]
category: abuse
severity: block
pattern: (a+)+$
pattern: ((x|xx)*)y
pattern: (.*a){12}z
trigger: a
trigger: x
message: 测试
source: test
flag: aaaa
)";
  RulePack pack;
  REQUIRE(LoadPackText(pack_text, &pack).ok());
  Checker::Options opt;
  opt.platform = Platform::kPdd;
  Checker checker(pack, opt);
  REQUIRE(checker.ok());
  std::vector<Finding> f;
  checker.Check(Repeat("a", 200000) + "b", &f);
  CHECK(f.empty());
  checker.Check(Repeat("x", 200000) + "b", &f);
  CHECK(f.empty());
  checker.Check(Repeat("x", 200000) + "y", &f);
  REQUIRE(f.size() == 1);
  CHECK(f[0].end - f[0].start == 200000);  // the group: the x's before the y
  checker.Check(Repeat("a", 200000), &f);
  CHECK(f.size() == 1);
}

TEST_CASE("a number fix() masked is not flagged again, as itself or as a shorter number") {
  // Found by fuzzing (tests/fuzz/regressions/fuzz_check): the * of a mask were dropped
  // as separators, so 234***8901 read as the QQ number 2348901, and 010 138****5678
  // as the landline 0101385678.
  Builtin pdd(Platform::kPdd);
  for (const char* text : {"扣扣2345678901", "010 13812345678", "QQ号12345678", "收件电话13812345678，QQ号123456",
                           "卡号6222021234567890123转账", "座机010-12345678 手机13912345678"}) {
    INFO(text);
    std::vector<Finding> applied;
    const std::string fixed = pdd.checker->Fix(std::string(text), &applied);
    REQUIRE_FALSE(applied.empty());
    for (const std::string& f : pdd.Run(fixed)) CHECK(f.rfind("contact.", 0) != 0);
  }
  CHECK(pdd.checker->Fix(std::string("电话13812345678"), nullptr) == "电话138****5678");
  CHECK(pdd.checker->Fix(std::string("QQ号123456789"), nullptr).find("12*****89") != std::string::npos);
  // A masked number a person typed is clean; one * between groups is still a disguise.
  CHECK(pdd.Matches("手机号138****5678，座机010-1234****", "contact.mobile") == V{});
  CHECK(pdd.Matches("手机号138*1234*5678", "contact.mobile") == V{"138*1234*5678"});
  // Also found by fuzzing: a number ran across clause punctuation into the next digit
  // (010-12345678，2件 was a 12-digit landline), and the head of a masked number joined
  // the digits before it (0755123 4 01******67 read as the landline 0755123401).
  CHECK(pdd.Matches("座机010-12345678，2件包邮", "contact.landline") == V{"010-12345678"});
  CHECK(pdd.checker->Fix(std::string("座机010-12345678，2件包邮"), nullptr) == "座机010****5678，2件包邮");
  CHECK(pdd.Matches("0755123 4 01******67", "contact.landline") == V{});
  // And its tail joined the digits after it (139****1356 1234567 read as 13561234567).
  CHECK(pdd.checker->Fix(std::string("13912341356 1234567"), nullptr) == "139****1356 1234567");
  CHECK(pdd.Matches("139****1356 1234567", "contact.mobile") == V{});
  // The head of a masked number is not read by patterns either: in 扣扣4234 4 010****5678
  // the QQ number is 42344, not 42344010 (fuzz_check regression masked-head-joins-qq-number).
  CHECK(pdd.Matches("扣扣4234 4 010****5678", "contact.qq_number") == V{"4234 4"});
}
