// The disguise matrix: each kind of disguise applied to several forbidden words,
// asserting that the built-in rules catch it AND that the finding's span is
// exactly the disguised text in the original message (UTF-16 offsets).
#include <catch2/catch.hpp>

#include "checker.h"
#include "embedded_rules.h"
#include "test_util.h"

using namespace chatlint;
using chatlint_test::U16;

namespace {

struct Target {
  const char* rule;
  const char* word;  // plain form, split into characters by the disguises
};

const Target kTargets[] = {
    {"offsite.wechat", "微信"}, {"offsite.taobao", "淘宝"}, {"offsite.alipay", "支付宝"},
    {"offsite.jd", "京东"},     {"trade.offline", "线下"},  {"trade.transfer", "转账"},
    {"review.cash_for_review", "好评返现"},
};

std::vector<std::string> Chars(const std::string& s) {
  std::vector<std::string> out;
  for (char32_t c : Utf32FromUtf8(s)) out.push_back(Utf8FromUtf32(std::u32string(1, c)));
  return out;
}

std::string Join(const std::vector<std::string>& cs, const std::string& sep) {
  std::string out;
  for (size_t i = 0; i < cs.size(); ++i) out += (i ? sep : "") + cs[i];
  return out;
}

struct Disguise {
  const char* kind;
  std::string (*apply)(const std::string&);
};

const Disguise kSeparatorDisguises[] = {
    {"plain", [](const std::string& w) { return w; }},
    {"spaces", [](const std::string& w) { return Join(Chars(w), " "); }},
    {"ideographic spaces", [](const std::string& w) { return Join(Chars(w), "\u3000"); }},
    {"ASCII punctuation", [](const std::string& w) { return Join(Chars(w), "."); }},
    {"CJK punctuation", [](const std::string& w) { return Join(Chars(w), "，"); }},
    {"dashes", [](const std::string& w) { return Join(Chars(w), "-"); }},
    {"zero-width", [](const std::string& w) { return Join(Chars(w), "\u200b"); }},
    {"emoji", [](const std::string& w) { return Join(Chars(w), "😀"); }},
    {"emoji with modifier", [](const std::string& w) { return Join(Chars(w), "👍🏻"); }},
    {"symbols", [](const std::string& w) { return Join(Chars(w), "★"); }},
    {"repeated first character", [](const std::string& w) { auto c = Chars(w); c.insert(c.begin(), c[0]); return Join(c, ""); }},
};

// Checks `disguised` inside a sentence on `platform` and returns the UTF-16 span
// of the finding of `rule`, or {-1,-1}.
std::pair<int, int> SpanOf(Checker& checker, const char* rule, const std::string& text) {
  std::vector<Finding> findings;
  checker.Check(U16(text), &findings);
  for (const Finding& f : findings)
    if (checker.rule(f).id == rule) return {static_cast<int>(f.start), static_cast<int>(f.end)};
  return {-1, -1};
}

struct Fixture {
  RulePack pack;
  std::unique_ptr<Checker> pdd;
  Fixture() {
    REQUIRE(pack.Deserialize(EmbeddedRulePack()).ok());
    Checker::Options opt;
    opt.platform = Platform::kPdd;
    pdd = std::make_unique<Checker>(pack, opt);
    REQUIRE(pdd->ok());
  }
  void Expect(const char* rule, const std::string& disguised, const char* kind) {
    const std::string before = "亲😊，";
    const std::string text = before + disguised + "哦";
    const int start = static_cast<int>(U16(before).size());
    const int end = start + static_cast<int>(U16(disguised).size());
    INFO(kind << ": " << text << " (rule " << rule << ")");
    CHECK(SpanOf(*pdd, rule, text) == std::make_pair(start, end));
  }
};

}  // namespace

TEST_CASE("disguises by separators, emoji, symbols and repeats keep the exact span") {
  Fixture fx;
  for (const Target& t : kTargets)
    for (const Disguise& d : kSeparatorDisguises) fx.Expect(t.rule, d.apply(t.word), d.kind);
}

TEST_CASE("traditional script") {
  Fixture fx;
  fx.Expect("offsite.taobao", "淘寶", "traditional");
  fx.Expect("offsite.alipay", "支付寶", "traditional");
  fx.Expect("offsite.jd", "京東", "traditional");
  fx.Expect("trade.offline", "線下", "traditional");
  fx.Expect("trade.transfer", "轉賬", "traditional");
  fx.Expect("review.cash_for_review", "好評返現", "traditional");
  fx.Expect("offsite.taobao", "淘 寶", "traditional with a space");
}

TEST_CASE("full-width letters, case and initials") {
  Fixture fx;
  fx.Expect("offsite.wechat", "ＶＸ", "full-width initials");
  fx.Expect("offsite.wechat", "Vx", "mixed case");
  fx.Expect("offsite.wechat", "v x", "spaced initials");
  fx.Expect("offsite.wechat", "ｗｘ", "full-width lower");
  fx.Expect("offsite.qq", "ＱＱ", "full-width");
  fx.Expect("offsite.qq", "q.q", "punctuated");
  fx.Expect("offsite.alipay", "ZFB", "initials upper");
}

TEST_CASE("homophones and pinyin") {
  Fixture fx;
  fx.Expect("offsite.wechat", "薇信", "homophone");
  fx.Expect("offsite.wechat", "威信", "homophone");
  fx.Expect("offsite.wechat", "微芯", "homophone");
  fx.Expect("offsite.wechat", "weixin", "pinyin");
  fx.Expect("offsite.wechat", "Wei Xin", "spaced pinyin");
  fx.Expect("offsite.wechat", "ＷＥＩＸＩＮ", "full-width pinyin");
  fx.Expect("offsite.qq", "扣扣", "homophone");
  fx.Expect("offsite.taobao", "陶宝", "homophone");
  fx.Expect("offsite.taobao", "taobao", "pinyin");
  fx.Expect("offsite.alipay", "zhifubao", "pinyin");
  fx.Expect("offsite.jd", "jingdong", "pinyin");
  fx.Expect("trade.transfer", "zhuanzhang", "pinyin");
}

TEST_CASE("phone numbers in Chinese, financial, circled and parenthesized digits") {
  Fixture fx;
  for (const char* phone : {"13812345678", "138 1234 5678", "138-1234-5678", "一三八一二三四五六七八",
                            "壹叁捌壹贰叁肆伍陆柒捌", "幺三八幺二三四五六七八", "①③⑧①②③④⑤⑥⑦⑧",
                            "⑴⑶⑻⑴⑵⑶⑷⑸⑹⑺⑻", "⒈⒊⒏⒈⒉⒊⒋⒌⒍⒎⒏", "１３８１２３４５６７８", "138一二三四五六七八",
                            "1😀3😀8😀1😀2😀3😀4😀5😀6😀7😀8"})
    fx.Expect("contact.mobile", phone, "phone digits");
}
