// Checker: literal words, pattern rules and their triggers, allowed contexts,
// overlaps, homophones, custom and allow words, fix(), and odd text.
#include <catch2/catch.hpp>

#include <random>

#include "checker.h"
#include "builtin_checker.h"
#include "embedded_rules.h"
#include "test_util.h"

using namespace chatlint;
using chatlint_test::LoadPackText;
using chatlint_test::U16;
using chatlint_test::U8;

namespace {

const char kPack[] = R"(
[t.wechat]
category: offsite_platform
severity: block
words: 微信 | vx
homophones: yes
allow: 作为新 | 一位新
message: 不能提及微信
suggestion: 请在平台内沟通
replace: 平台
source: test
flag: 加我微信

[t.zui]
category: absolute_claim
severity: warn
words: 最
allow: 最近 | 最后
message: 极限词
suggestion: 改用"很"
source: test
flag: 最棒
clean: 最近

[t.zuihao]
category: absolute_claim
severity: block
words: 最好
message: 极限词最好
replace: 很好
source: test
flag: 最好的

[t.xianxia]
category: offsite_trade
severity: block
words: 线下
message: 线下交易
source: test
flag: 线下交易

[t.guangxianxia]
category: offsite_trade
severity: warn
words: 光线下
message: 光线下含线下
replace: 光照下
source: test
flag: 光线下拍的

[t.phone]
category: contact_info
severity: block
pattern: (?:^|[^0-9])(1[3-9][0-9]{9})(?:[^0-9]|$)
trigger: <digits:11>
message: 完整手机号
replace: {masked}
source: test
flag: 电话13812345678

[t.wxpay]
category: offsite_trade
severity: block
words: 微信转账
message: 站外付款
replace: 平台付款
source: test
flag: 微信转账给我

[t.invoice]
category: service_promise
severity: block
pattern: 不(?:开|提供)发票
trigger: 发票
message: 拒开发票
source: test
flag: 我们不开发票
clean: 可以开发票
)";

struct Fixture {
  RulePack pack;
  std::unique_ptr<Checker> checker;
  std::vector<Finding> findings;

  explicit Fixture(Checker::Options opt = Checker::Options()) {
    Status s = LoadPackText(kPack, &pack);
    REQUIRE(s.error() == "");
    opt.platform = Platform::kPdd;
    checker = std::make_unique<Checker>(pack, opt);
    REQUIRE(checker->error() == "");
  }
  // "ruleId:match" for every finding, in order.
  std::vector<std::string> Run(const std::string& text) {
    checker->Check(text, &findings);
    std::vector<std::string> out;
    for (const Finding& f : findings)
      out.push_back(checker->rule(f).id + ":" + text.substr(f.byte_start, f.byte_end - f.byte_start));
    return out;
  }
};

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("literal words match through disguises and map back to the original span") {
  Fixture fx;
  CHECK(fx.Run("加我微信") == V{"t.wechat:微信"});
  CHECK(fx.Run("加我 微 . 信 吧") == V{"t.wechat:微 . 信"});
  CHECK(fx.Run("加我ＶＸ") == V{"t.wechat:ＶＸ"});
  CHECK(fx.Run("加我V-X") == V{"t.wechat:V-X"});
  CHECK(fx.Run("亲，今天发货") == V{});
}

TEST_CASE("short Latin words need word boundaries") {
  Fixture fx;
  CHECK(fx.Run("i have xl size") == V{});
  CHECK(fx.Run("add vx please") == V{"t.wechat:vx"});
  CHECK(fx.Run("加vx123") == V{"t.wechat:vx"});
}

TEST_CASE("homophones and Latin pinyin") {
  Fixture fx;
  CHECK(fx.Run("加我薇信") == V{"t.wechat:薇信"});
  CHECK(fx.Run("加我威信") == V{"t.wechat:威信"});
  CHECK(fx.Run("加我weixin") == V{"t.wechat:weixin"});
  CHECK(fx.Run("加我 Wei Xin") == V{"t.wechat:Wei Xin"});
  CHECK(fx.Run("作为新用户您可以领券") == V{});  // allowed context covers 为新
}

TEST_CASE("allowed contexts cancel the matches they cover") {
  Fixture fx;
  CHECK(fx.Run("最近天气转凉") == V{});
  CHECK(fx.Run("最后一件") == V{});
  CHECK(fx.Run("这款最棒") == V{"t.zui:最"});
  CHECK(fx.Run("最近这款最棒") == V{"t.zui:最"});
}

TEST_CASE("overlaps: the longest match wins, then the most severe, no duplicates") {
  Fixture fx;
  CHECK(fx.Run("这是最好的") == V{"t.zuihao:最好"});    // 最好 (2) beats 最 (1)
  CHECK(fx.Run("光线下拍的") == V{"t.guangxianxia:光线下"});  // longer warn beats shorter block
  CHECK(fx.Run("微信微信") == V{"t.wechat:微信", "t.wechat:微信"});
  CHECK(fx.Run("加微微信") == V{"t.wechat:微微信"});
}

TEST_CASE("overlaps of different categories are all reported, and fix() applies the longest") {
  Fixture fx;
  CHECK(fx.Run("微信转账给我") == V{"t.wechat:微信", "t.wxpay:微信转账"});
  std::vector<Finding> applied;
  CHECK(fx.checker->Fix(std::string("微信转账给我"), &applied) == "平台付款给我");
  REQUIRE(applied.size() == 1);
  CHECK(fx.checker->rule(applied[0]).id == "t.wxpay");
}

TEST_CASE("pattern rules run on their trigger, and a capture group sets the span") {
  Fixture fx;
  CHECK(fx.Run("我们不开发票的") == V{"t.invoice:不开发票"});
  CHECK(fx.Run("可以开发票") == V{});
  CHECK(fx.Run("手机13812345678收") == V{"t.phone:13812345678"});
  CHECK(fx.Run("手机 138 1234 5678") == V{"t.phone:138 1234 5678"});
  CHECK(fx.Run("手机一三八一二三四五六七八") == V{"t.phone:一三八一二三四五六七八"});
  CHECK(fx.Run("手机①③⑧①②③④⑤⑥⑦⑧") == V{"t.phone:①③⑧①②③④⑤⑥⑦⑧"});
  // A number right after the phone, behind a comma, is not glued to it.
  CHECK(fx.Run("手机13812345678,24小时开机") == V{"t.phone:13812345678"});
  CHECK(fx.Run("手机①③⑧①②③④⑤⑥⑦⑧，2号前发") == V{"t.phone:①③⑧①②③④⑤⑥⑦⑧"});
  // Order and tracking numbers are longer digit runs: no phone inside them.
  CHECK(fx.Run("订单号231122-123456789012345") == V{});
  CHECK(fx.Run("单号SF1234567890123") == V{});
}

TEST_CASE("fix() applies replacements right to left and keeps the rest") {
  Fixture fx;
  std::vector<Finding> applied;
  CHECK(fx.checker->Fix(std::string("这是最好的，加微信13812345678"), &applied) ==
        "这是很好的，加平台138****5678");
  CHECK(applied.size() == 3);
  CHECK(fx.checker->Fix(std::string("这款最棒"), &applied) == "这款最棒");  // t.zui has no replace
  CHECK(applied.empty());
  CHECK(fx.checker->Fix(std::string("没有问题"), nullptr) == "没有问题");
}

TEST_CASE("UTF-16 API: offsets in code units after emoji, and fix() on UTF-16") {
  Fixture fx;
  std::u16string text = U16("😀😀加我微信");
  fx.checker->Check(text, &fx.findings);
  REQUIRE(fx.findings.size() == 1);
  CHECK(fx.findings[0].start == 6);
  CHECK(fx.findings[0].end == 8);
  CHECK(U8(fx.checker->Fix(text, nullptr)) == "😀😀加我平台");
}

TEST_CASE("odd text: lone surrogates, controls, a 1 MB paste") {
  Fixture fx;
  std::u16string text = u"加";
  text.push_back(0xDC00);  // lone low surrogate between the words
  text += u"微\u0001信";
  fx.checker->Check(text, &fx.findings);
  REQUIRE(fx.findings.size() == 1);
  CHECK(fx.findings[0].start == 2);
  CHECK(fx.findings[0].end == 5);

  std::string big;
  while (big.size() < (1 << 20)) big += "亲，这款衣服是纯棉的，今天下单明天发货。";
  big += "加我微信";
  CHECK(fx.Run(big).size() == 1);
}

TEST_CASE("custom rules and allow words from the caller") {
  Checker::Options opt;
  Rule custom;
  custom.id = "custom.brand";
  custom.category = Category::kOffsitePlatform;
  custom.severity = Severity::kBlock;
  custom.words = {"抖音"};
  custom.homophones = true;
  custom.message = "不要提抖音";
  custom.source = "caller";
  custom.flag = {{"抖音", 0}};
  opt.extra_rules.push_back(custom);
  opt.allow_words = {"微信支付"};
  Fixture fx(opt);
  CHECK(fx.Run("我在斗音看到的") == V{"custom.brand:斗音"});
  CHECK(fx.Run("支持微信支付") == V{});
  CHECK(fx.Run("加微信") == V{"t.wechat:微信"});
}

TEST_CASE("a broken custom rule is an error value, not a crash") {
  RulePack pack;
  REQUIRE(LoadPackText(kPack, &pack).ok());
  Checker::Options opt;
  Rule bad;
  bad.id = "custom.bad";
  bad.message = "x";
  bad.source = "caller";
  bad.patterns = {"(unclosed"};
  bad.triggers = {"x"};
  bad.flag = {{"x", 0}};
  opt.extra_rules.push_back(bad);
  Checker checker(pack, opt);
  CHECK_FALSE(checker.ok());
  CHECK_THAT(checker.error(), Catch::Contains("custom.bad") && Catch::Contains("pattern"));

  Checker::Options opt2;
  opt2.allow_words = {"  。"};
  Checker checker2(pack, opt2);
  CHECK_THAT(checker2.error(), Catch::Contains("allow word"));
}

TEST_CASE("rules apply per platform") {
  const char pack_text[] = R"(
[p.baobei]
category: platform_term
severity: block
platforms: pdd
words: 宝贝
message: 拼多多不能说宝贝
source: test
flag: 宝贝
)";
  RulePack pack;
  REQUIRE(LoadPackText(pack_text, &pack, Platform::kPdd).ok());
  Checker::Options opt;
  opt.platform = Platform::kPdd;
  Checker pdd(pack, opt);
  opt.platform = Platform::kTaobao;
  Checker taobao(pack, opt);
  std::vector<Finding> f;
  pdd.Check(std::string("宝贝下午发货"), &f);
  CHECK(f.size() == 1);
  taobao.Check(std::string("宝贝下午发货"), &f);
  CHECK(f.empty());
}

TEST_CASE("pinyin written in Latin letters stands for the Han characters of its sounds") {
  Fixture fx;
  CHECK(fx.Run("加我wei信") == V{"t.wechat:wei信"});
  CHECK(fx.Run("加我微xin吧") == V{"t.wechat:微xin"});
  CHECK(fx.Run("ok, have a nice day") == V{});
  CHECK(fx.Run("vx") == V{"t.wechat:vx"});  // not pinyin: matched as a Latin word
}

TEST_CASE("PinyinIndex segments Latin pinyin runs") {
  PinyinIndex py;
  std::vector<PinyinIndex::Syllable> syl;
  REQUIRE(py.Segment(U"jingdong", &syl));
  CHECK(syl.size() == 2);
  CHECK(syl[0].length == 4);
  CHECK(syl[0].key == py.SoundKey(U'京'));
  CHECK(syl[1].key == py.SoundKey(U'东'));
  REQUIRE(py.Segment(U"haopingfanxian", &syl));
  CHECK(syl.size() == 4);
  CHECK_FALSE(py.Segment(U"vx", &syl));
  CHECK_FALSE(py.Segment(U"hm", &syl));
  CHECK_FALSE(py.Segment(U"", &syl));
  CHECK(py.Spell(U"微信") == "weixin");
}

using BuiltinPdd = chatlint_test::BuiltinChecker;

TEST_CASE("random odd text: every finding is a valid span of the original, fix() keeps the rest") {
  // Property test over messages mixed from rule words, disguises, digits, emoji,
  // controls, lone surrogates and plain text (seeded: failures reproduce).
  BuiltinPdd builtin;
  Checker& checker = *builtin.checker;
  const std::vector<std::u16string> pieces = {
      u"微信", u"淘宝", u"最好", u"第一", u"线下", u"转账", u"好评返现", u"宝贝", u"13812345678", u"一三八", u"①",
      u"ＶＸ", u"vx", u" ", u"，", u"😀", u"👍🏻", u"\u200b", u"\u0000", u"\u0007", u"\r\n", u"亲", u"今天发货",
      u"最近", u"第一次", u"a", u"Z", u"@", u".", u"-", u"淘寶", u"薇", u"信", u"wei", u"xin", u"𠀀",
      std::u16string(1, char16_t(0xD83D)), std::u16string(1, char16_t(0xDC00)), u"\uFFFD", u"\uE000"};
  std::mt19937 rng(20261122);
  std::vector<Finding> findings;
  for (int iter = 0; iter < 3000; ++iter) {
    std::u16string text;
    const int n = static_cast<int>(rng() % 24);
    for (int i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
    checker.Check(text, &findings);
    uint32_t prev_start = 0;
    for (const Finding& f : findings) {
      INFO("iteration " << iter);
      REQUIRE(f.start < f.end);
      REQUIRE(f.end <= text.size());
      CHECK(f.start >= prev_start);
      prev_start = f.start;
    }
    std::vector<Finding> applied;
    const std::u16string fixed = checker.Fix(text, &applied);
    // Text outside the applied spans is kept unit for unit.
    size_t pos = 0, out = 0;
    for (const Finding& f : applied) {
      REQUIRE(f.start >= pos);
      REQUIRE(fixed.compare(out, f.start - pos, text, pos, f.start - pos) == 0);
      out += (f.start - pos) + chatlint::Utf16FromUtf8(f.suggestion()).size();
      pos = f.end;
    }
    REQUIRE(fixed.compare(out, std::u16string::npos, text, pos, std::u16string::npos) == 0);
  }
}

TEST_CASE("a multi-megabyte paste full of matches and allowed contexts is checked completely") {
  // 40,000 repetitions: every 最近 and 第一次 allowed, every 最好 and 微信 found. (Before
  // allowed contexts and overlaps were resolved with sorted spans this took seconds.)
  BuiltinPdd builtin;
  Checker& checker = *builtin.checker;
  const std::u16string unit = u"最近天气好，这是最好的第一次体验，微信不行。";
  std::u16string big;
  for (int i = 0; i < 40000; ++i) big += unit;
  std::vector<Finding> one, all;
  checker.Check(unit, &one);
  REQUIRE(one.size() >= 2);
  checker.Check(big, &all);
  REQUIRE(all.size() == one.size() * 40000);
  for (size_t i = 0; i < all.size(); ++i) {
    const Finding& f = all[i];
    const Finding& g = one[i % one.size()];
    REQUIRE(f.start == g.start + (i / one.size()) * unit.size());
    REQUIRE(f.end - f.start == g.end - g.start);
  }
}
