// The disguise matrix: each kind of disguise applied to several forbidden words,
// asserting that the built-in rules catch it AND that the finding's span is
// exactly the disguised text in the original message (UTF-16 offsets).
#include <catch2/catch.hpp>

#include <map>

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

namespace {
// The finding of `rule` in `text` on `platform` covers exactly `covered` (its first
// occurrence in text), in UTF-16 units of the UTF-16 check and in bytes of the UTF-8 one.
struct SpanChecker {
  RulePack pack;
  std::map<Platform, std::unique_ptr<Checker>> checkers;
  SpanChecker() { REQUIRE(pack.Deserialize(EmbeddedRulePack()).ok()); }
  Checker& On(Platform p) {
    auto& c = checkers[p];
    if (!c) {
      Checker::Options opt;
      opt.platform = p;
      c = std::make_unique<Checker>(pack, opt);
      REQUIRE(c->ok());
    }
    return *c;
  }
  void Expect(Platform p, const char* rule, const std::string& text, const std::string& covered) {
    INFO(PlatformName(p) << ": " << text << " (rule " << rule << ", expected span 「" << covered << "」)");
    const size_t byte_start = text.find(covered);
    REQUIRE(byte_start != std::string::npos);
    const int u16_start = static_cast<int>(U16(text.substr(0, byte_start)).size());
    const int u16_end = u16_start + static_cast<int>(U16(covered).size());
    CHECK(SpanOf(On(p), rule, text) == std::make_pair(u16_start, u16_end));
    std::vector<Finding> findings;
    On(p).Check(text, &findings);
    std::pair<int, int> bytes{-1, -1};
    for (const Finding& f : findings)
      if (On(p).rule(f).id == rule) bytes = {static_cast<int>(f.byte_start), static_cast<int>(f.byte_end)};
    CHECK(bytes == std::make_pair(static_cast<int>(byte_start), static_cast<int>(byte_start + covered.size())));
  }
  // No finding of `rule` at all.
  void ExpectNone(Platform p, const char* rule, const std::string& text) {
    INFO(PlatformName(p) << ": " << text << " (rule " << rule << " must not fire)");
    CHECK(SpanOf(On(p), rule, text) == std::make_pair(-1, -1));
  }
};
}  // namespace

TEST_CASE("compatibility forms: enclosed, styled and superscript letters, radicals, compatibility ideographs") {
  Fixture fx;
  for (const char* vx : {"ⓋⓍ", "ⓥⓧ", "🅥🅧", "🆅🆇", "⒱⒳", "𝐯𝐱", "𝑣𝑥", "𝕧𝕩", "𝓿𝔁", "𝗏𝗑", "𝚟𝚡", "𝐕𝐗", "ᵛˣ", "ⅤⅩ"})
    fx.Expect("offsite.wechat", vx, "compatibility form");
  fx.Expect("offsite.qq", "ⓆⓆ", "circled");
  fx.Expect("offsite.qq", "🅀🅀", "squared");
  fx.Expect("offsite.qq", "🅠🅠", "negative circled");
  fx.Expect("offsite.alipay", "𝐳𝐟𝐛", "mathematical bold");
  fx.Expect("offsite.wechat", "𝔀𝓮𝓲𝔁𝓲𝓷", "styled pinyin");
  fx.Expect("offsite.alipay", "⽀付宝", "Kangxi radical");
  fx.Expect("offsite.xianyu", "闲⿂", "Kangxi radical of a traditional character");
  fx.Expect("offsite.xianyu", "闲⻥", "CJK radical supplement");
  fx.Expect("offsite.xiaohongshu", "⼩红书", "Kangxi radical");
  SpanChecker sc;
  sc.Expect(Platform::kTaobao, "offsite.pdd", "我们在\U0002F8BA多多上也有店", "\U0002F8BA多多");  // compatibility ideograph 拼
}

TEST_CASE("look-alike letters of other scripts") {
  Fixture fx;
  for (const char* vx : {"ВХ", "вх", "ѴХ", "ВX", "ᴠx", "ѵх"}) fx.Expect("offsite.wechat", vx, "Cyrillic/Latin look-alike");
  fx.Expect("offsite.wechat", "WХ", "Latin W, Cyrillic Ha");
  fx.Expect("offsite.wechat", "νx", "Greek nu");
  fx.Expect("offsite.wechat", "wеіхіn", "Cyrillic е і х inside pinyin");
  fx.Expect("offsite.wechat", "徽信", "a look-alike Han character");
  fx.Expect("offsite.qq", "ԚԚ", "Cyrillic qa");
  fx.Expect("offsite.alipay", "ΖϜΒ", "Greek capitals");
  fx.Expect("offsite.tmall", "ΤΜΑLL", "Greek capitals");
  fx.Expect("offsite.xiaohongshu", "ХНЅ", "Cyrillic capitals");
  SpanChecker sc;
  // Genuine Russian and Greek words are not short Latin words.
  sc.ExpectNone(Platform::kPdd, "offsite.wechat", "外箱印着ВХОД和ВЫХОД,是进出口标识");
  sc.ExpectNone(Platform::kPdd, "offsite.wechat", "包装上的俄文Спасибо是谢谢的意思");
  sc.ExpectNone(Platform::kTaobao, "offsite.taobao", "ТВ支架可以承重30公斤");
  sc.ExpectNone(Platform::kPdd, "offsite.wechat", "安徽信用社的卡也能付款");
  sc.ExpectNone(Platform::kPdd, "offsite.wechat", "收到您的回信了,马上处理");
}

TEST_CASE("emoji and symbols standing for a sound or a name cover the symbol") {
  Fixture fx;
  fx.Expect("offsite.wechat", "v❤", "heart for 信");
  fx.Expect("offsite.wechat", "V❤️", "heart with its variation selector");
  fx.Expect("offsite.wechat", "v♥", "heart suit");
  fx.Expect("offsite.wechat", "v💗", "emoji heart");
  fx.Expect("offsite.wechat", "微❤", "heart after 微");
  fx.Expect("offsite.wechat", "薇❤", "heart after 薇");
  fx.Expect("offsite.wechat", "v✉", "envelope for 信");
  fx.Expect("offsite.wechat", "Ⓥ❤", "circled V and a heart");
  fx.Expect("offsite.wechat", "v ❤", "spaced");
  fx.Expect("offsite.xianyu", "闲🐟", "fish");
  fx.Expect("offsite.douyin", "抖🎵", "musical note");
  fx.Expect("offsite.tmall", "天🐱", "cat face");
  fx.Expect("offsite.taobao", "🍑宝", "peach for 淘");
  fx.Expect("offsite.jd", "🐶东", "dog for 狗东");
  SpanChecker sc;
  sc.Expect(Platform::kPdd, "offsite.qq_nickname", "有事🐧联系", "🐧");
  sc.Expect(Platform::kJd, "offsite.qq_nickname", "我的🐧️一直在线", "🐧️");
  sc.Expect(Platform::kPdd, "trade.phone", "有问题📞联系我就行", "📞");
  sc.Expect(Platform::kPdd, "trade.phone", "☎️沟通更快", "☎️");
  sc.Expect(Platform::kPdd, "offsite.xiaohongshu_nickname", "去小🍠搜一下我们品牌", "小🍠");
  // The same symbols in ordinary replies.
  sc.ExpectNone(Platform::kPdd, "offsite.wechat", "感谢亲的支持❤,有问题随时找我哦");
  sc.ExpectNone(Platform::kJd, "offsite.wechat", "领口是深V❤领,显脖子长");
  sc.ExpectNone(Platform::kPdd, "offsite.qq_nickname", "这款🐧玩偶很可爱,小朋友都喜欢");
  sc.ExpectNone(Platform::kPdd, "offsite.xianyu", "咸🐟干要冷藏保存");
  sc.ExpectNone(Platform::kPdd, "offsite.tmall", "每天🐱粮吃50克就够了");
  sc.ExpectNone(Platform::kPdd, "offsite.taobao", "水蜜🍑包邮到家");
}

TEST_CASE("nicknames of forbidden names") {
  SpanChecker sc;
  sc.Expect(Platform::kPdd, "offsite.wechat_nickname", "有问题绿泡泡上找我", "绿泡泡");
  sc.Expect(Platform::kJd, "offsite.wechat_nickname", "绿 泡 泡上联系", "绿 泡 泡");
  sc.Expect(Platform::kTaobao, "offsite.wechat_nickname", "我们绿色软件上聊", "绿色软件");
  sc.Expect(Platform::kTmall, "offsite.wechat_nickname", "绿色聊天软件上发您实拍", "绿色聊天软件");
  sc.Expect(Platform::kPdd, "offsite.wechat_nickname", "小绿上发您", "小绿");
  sc.Expect(Platform::kPdd, "offsite.qq_nickname", "企鹅上联系我", "企鹅");
  sc.Expect(Platform::kTaobao, "offsite.qq_nickname", "企.鹅上说", "企.鹅");
  sc.Expect(Platform::kTmall, "offsite.qq_nickname", "球球上给您发图", "球球");
  sc.Expect(Platform::kTaobao, "offsite.xianyu", "咸鱼上有人卖二手", "咸鱼");
  sc.Expect(Platform::kPdd, "offsite.xianyu", "去小黄鱼搜一下", "小黄鱼");
  sc.Expect(Platform::kPdd, "offsite.xianyu", "某鱼上挂了", "某鱼");
  sc.Expect(Platform::kTmall, "offsite.xianyu", "闲置的可以挂咸鱼卖", "咸鱼");
  sc.Expect(Platform::kPdd, "offsite.qq_nickname", "打开企鹅找我", "企鹅");
  sc.Expect(Platform::kTmall, "offsite.pdd", "某多上便宜是因为不是正品", "某多");
  sc.Expect(Platform::kJd, "offsite.pdd", "夕夕上那个是仿的", "夕夕");
  sc.Expect(Platform::kJd, "offsite.xiaohongshu", "红书上有很多测评", "红书");
  sc.Expect(Platform::kJd, "offsite.xiaohongshu_nickname", "小红薯上有很多测评", "小红薯");
  // A finding covers the name, not the word after it.
  sc.Expect(Platform::kPdd, "offsite.qq_nickname", "🐧号1029384756", "🐧");
  sc.Expect(Platform::kPdd, "offsite.qq", "ⓆⓆ号2938475610", "ⓆⓆ");
  sc.Expect(Platform::kJd, "offsite.taobao", "我们ＴＢ店活动力度更大", "ＴＢ");
  sc.Expect(Platform::kPdd, "offsite.xianyu", "閑魚上那些二手的没有售后", "閑魚");
  sc.Expect(Platform::kPdd, "offsite.xianyu", "咸鱼APP上搜店名", "咸鱼");
  sc.Expect(Platform::kPdd, "offsite.douyin", "抖⾳直播间今晚有福利", "抖⾳");
  sc.Expect(Platform::kPdd, "offsite.douyin", "抖yin上搜店名", "抖yin");
  sc.Expect(Platform::kJd, "offsite.alipay", "支付bao付款也行", "支付bao");
  // The same words in ordinary replies.
  sc.ExpectNone(Platform::kJd, "offsite.wechat_nickname", "外面裹了三层绿色泡泡膜,放心运输");
  sc.ExpectNone(Platform::kTmall, "offsite.wechat_nickname", "驱动是绿色软件,解压就能用");
  sc.ExpectNone(Platform::kPdd, "offsite.wechat_nickname", "这件小绿裙很显白");
  sc.ExpectNone(Platform::kTaobao, "offsite.qq_nickname", "毛衣起球球是正常的,用去球器打理一下");
  sc.ExpectNone(Platform::kPdd, "offsite.xianyu", "小黄鱼上锅蒸8分钟就熟了");
  sc.ExpectNone(Platform::kPdd, "offsite.xianyu", "让您的小店咸鱼翻身,从装修开始");
  sc.ExpectNone(Platform::kPdd, "offsite.xianyu", "晒好的咸鱼挂咸鱼架上通风");
  sc.ExpectNone(Platform::kJd, "offsite.qq_nickname", "打开企鹅造型的盖子就能加水");
  sc.ExpectNone(Platform::kJd, "offsite.pdd", "嘻嘻,收到就好");
  sc.ExpectNone(Platform::kTaobao, "offsite.xiaohongshu", "这个大红书包能装下A4的本子");
  sc.ExpectNone(Platform::kPdd, "offsite.jd", "你这个狗东西");
}

TEST_CASE("a pinyin initial standing for one character of the name, only as a letter on its own") {
  SpanChecker sc;
  sc.Expect(Platform::kPdd, "offsite.taobao", "T宝上也能买到", "T宝");
  sc.Expect(Platform::kJd, "offsite.taobao", "淘B上那家不是我们", "淘B");
  sc.Expect(Platform::kTaobao, "offsite.pdd", "P多多上的是仿款", "P多多");
  sc.Expect(Platform::kJd, "offsite.qq", "扣Q联系我", "扣Q");
  sc.Expect(Platform::kPdd, "offsite.wechat", "微X上发您", "微X");
  sc.Expect(Platform::kPdd, "offsite.wechat", "有问题Ⓦ信找我", "Ⓦ信");
  sc.Expect(Platform::kPdd, "offsite.jd", "J东上卖得贵", "J东");
  sc.ExpectNone(Platform::kPdd, "offsite.taobao", "IT宝典第三版已经到货");
  sc.ExpectNone(Platform::kPdd, "offsite.taobao", "儿童T宝宝装有90码");
  sc.ExpectNone(Platform::kPdd, "offsite.wechat", "这款是微Xenon灯泡的替换件");
}

TEST_CASE("加我 + a disguise: the trade finding covers 加我, the platform finding the whole disguise") {
  SpanChecker sc;
  sc.Expect(Platform::kPdd, "trade.add_me", "加我薇信", "加我");
  sc.Expect(Platform::kPdd, "offsite.wechat", "加我薇信", "薇信");
  sc.ExpectNone(Platform::kPdd, "offsite.wechat_short", "加我薇信");
  sc.Expect(Platform::kPdd, "offsite.wechat", "加我威信详聊", "威信");
  sc.Expect(Platform::kPdd, "trade.add_me", "加我v❤", "加我");
  sc.Expect(Platform::kPdd, "offsite.wechat", "加我v❤", "v❤");
  sc.ExpectNone(Platform::kPdd, "offsite.wechat_short", "加我v❤");
  sc.Expect(Platform::kPdd, "offsite.wechat", "加我ВХ", "ВХ");
  sc.Expect(Platform::kPdd, "offsite.wechat", "加我𝐯𝐱", "𝐯𝐱");
  sc.Expect(Platform::kPdd, "offsite.wechat_short", "加我Ⓥ", "加我Ⓥ");
  sc.Expect(Platform::kPdd, "trade.add_me", "加我绿泡泡", "加我");
  sc.Expect(Platform::kPdd, "offsite.wechat_nickname", "加我绿泡泡", "绿泡泡");
  sc.Expect(Platform::kPdd, "trade.add_me", "加我企鹅", "加我");
  sc.Expect(Platform::kPdd, "offsite.qq_nickname", "加我企鹅", "企鹅");
  sc.Expect(Platform::kPdd, "offsite.qq_nickname", "加我🐧", "🐧");
  sc.Expect(Platform::kPdd, "trade.add_me", "加我薇❤", "加我");
  sc.Expect(Platform::kPdd, "offsite.wechat", "加我薇❤", "薇❤");
  // 加薇 alone is still the short form.
  sc.Expect(Platform::kPdd, "offsite.wechat_short", "加薇详聊", "加薇");
}

TEST_CASE("a long message of symbol and look-alike disguises is checked in one pass with exact spans") {
  SpanChecker sc;
  Checker& pdd = sc.On(Platform::kPdd);
  std::string text;
  const std::string unit = "v❤️、🐧联系、ВХ、";  // three findings per unit
  const int units = 20000;
  for (int i = 0; i < units; ++i) text += unit;
  std::vector<Finding> findings;
  REQUIRE(pdd.Check(text, &findings).ok());
  size_t wechat = 0, qq = 0;
  for (const Finding& f : findings) {
    const std::string match = text.substr(f.byte_start, f.byte_end - f.byte_start);
    if (pdd.rule(f).id == "offsite.wechat") {
      ++wechat;
      CHECK((match == "v❤️" || match == "ВХ"));
    } else if (pdd.rule(f).id == "offsite.qq_nickname") {
      ++qq;
      CHECK(match == "🐧");
    }
  }
  CHECK(wechat == 2u * units);
  CHECK(qq == static_cast<size_t>(units));
}
