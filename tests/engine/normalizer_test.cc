// Normalizer and OffsetMap: each folder of the chain, the digit context step,
// and offsets back to the original for odd text (emoji, lone surrogates, bad UTF-8).
#include <catch2/catch.hpp>

#include "normalizer.h"
#include "test_util.h"

using namespace chatlint;
using chatlint_test::U16;

namespace {
std::string Norm(const std::string& s) {
  static const Normalizer norm;
  NormalizedText nt;
  norm.Normalize(s, &nt);
  return Utf8FromUtf32(nt.chars);
}
}  // namespace

TEST_CASE("WidthFolder folds full-width ASCII and the ideographic space") {
  WidthFolder f;
  CHECK(f.Fold(U'Ｖ') == U'V');
  CHECK(f.Fold(U'ｘ') == U'x');
  CHECK(f.Fold(U'１') == U'1');
  CHECK(f.Fold(U'＠') == U'@');
  CHECK(f.Fold(0x3000) == U' ');
  CHECK(f.Fold(U'微') == U'微');
}

TEST_CASE("CaseFolder lowers ASCII and other cased scripts") {
  CaseFolder f;
  CHECK(f.Fold(U'Q') == U'q');
  CHECK(f.Fold(U'q') == U'q');
  CHECK(f.Fold(U'É') == U'é');
  CHECK(f.Fold(U'Ж') == U'ж');
  CHECK(f.Fold(U'×') == U'×');
}

TEST_CASE("TraditionalFolder maps traditional to simplified, and leaves simplified alone") {
  TraditionalFolder f;
  CHECK(f.Fold(U'寶') == U'宝');
  CHECK(f.Fold(U'東') == U'东');
  CHECK(f.Fold(U'貓') == U'猫');
  CHECK(f.Fold(U'線') == U'线');
  CHECK(f.Fold(U'宝') == U'宝');
  CHECK(f.Fold(U'a') == U'a');
}

TEST_CASE("DigitFolder maps circled, parenthesized and full-stop digits") {
  DigitFolder f;
  CHECK(f.Fold(U'①') == U'1');
  CHECK(f.Fold(U'⑨') == U'9');
  CHECK(f.Fold(U'⓪') == U'0');
  CHECK(f.Fold(U'⑴') == U'1');
  CHECK(f.Fold(U'⒏') == U'8');
  CHECK(f.Fold(U'❸') == U'3');
  CHECK(f.Fold(U'一') == U'一');  // Chinese digits need context: see below
}

TEST_CASE("SeparatorDropper drops spaces, punctuation, symbols, emoji and zero-width, keeps @") {
  SeparatorDropper f;
  for (char32_t c : {U' ', U'.', U'-', U'，', U'。', U'、', U'·', U'★', char32_t(0x200B), char32_t(0xFEFF),
                     char32_t(0x1F600), char32_t(0xFE0F), U'\t', char32_t(0x7F)})
    CHECK(f.Fold(c) == kDropChar);
  CHECK(f.Fold(U'@') == U'@');
  CHECK(f.Fold(U'a') == U'a');
  CHECK(f.Fold(U'5') == U'5');
  CHECK(f.Fold(U'信') == U'信');
}

TEST_CASE("Normalizer composes the chain") {
  CHECK(Norm("加 我 ＶＸ") == "加我vx");
  CHECK(Norm("微\u200b信") == "微信");
  CHECK(Norm("微😀信") == "微信");
  CHECK(Norm("淘寶") == "淘宝");
  CHECK(Norm("Q.Q") == "qq");
  CHECK(Norm("") == "");
  CHECK(Norm("。。。") == "");
}

TEST_CASE("Chinese digits become ASCII only next to another digit") {
  CHECK(Norm("一三八一二三四五六七八") == "13812345678");
  CHECK(Norm("壹叁捌") == "138");
  CHECK(Norm("幺三八") == "138");
  CHECK(Norm("①③⑧") == "138");
  CHECK(Norm("一 三 八") == "138");
  CHECK(Norm("13八") == "138");
  CHECK(Norm("第一次") == "第一次");
  CHECK(Norm("一件") == "一件");
  CHECK(Norm("十一") == "十一");
}

TEST_CASE("max_digit_run counts the longest digit run after folding") {
  Normalizer norm;
  NormalizedText nt;
  norm.Normalize("订单 231122-123456789012345", &nt);
  CHECK(nt.max_digit_run == 21);
  norm.Normalize("138 1234 5678", &nt);
  CHECK(nt.max_digit_run == 11);
  norm.Normalize("一三八", &nt);
  CHECK(nt.max_digit_run == 3);
  norm.Normalize("没有数字", &nt);
  CHECK(nt.max_digit_run == 0);
}

TEST_CASE("OffsetMap leads back to UTF-16 and byte offsets, across emoji and separators") {
  Normalizer norm;
  NormalizedText nt;
  const std::string text = "😀加 我\u00a0ＶＸ";
  norm.Normalize(text, &nt);
  REQUIRE(Utf8FromUtf32(nt.chars) == "加我vx");
  OffsetMap::Span s = nt.map.Original(2, 4);  // "ＶＸ"
  CHECK(s.u16_begin == 6);                    // 😀 is two UTF-16 units
  CHECK(s.u16_end == 8);
  CHECK(text.substr(s.byte_begin, s.byte_end - s.byte_begin) == "ＶＸ");
  OffsetMap::Span all = nt.map.Original(0, 4);
  CHECK(all.u16_begin == 2);
  CHECK(text.substr(all.byte_begin, all.byte_end - all.byte_begin) == "加 我\u00a0ＶＸ");
}

TEST_CASE("UTF-16 input: offsets are code units, astral characters count two") {
  Normalizer norm;
  NormalizedText nt;
  std::u16string text = U16("𠀀微 信");  // U+20000 is a Han character outside the BMP
  norm.Normalize(text, &nt);
  REQUIRE(nt.chars.size() == 3);
  CHECK(nt.chars[0] == 0x20000);
  OffsetMap::Span s = nt.map.Original(1, 3);
  CHECK(s.u16_begin == 2);
  CHECK(s.u16_end == 5);
}

TEST_CASE("lone surrogates and invalid UTF-8 keep their width") {
  Normalizer norm;
  NormalizedText nt;
  std::u16string text = u"a";
  text.push_back(0xD83D);  // half an emoji
  text += u"微信";
  norm.Normalize(text, &nt);
  // The half emoji becomes U+FFFD (a symbol, so dropped) of one unit.
  REQUIRE(Utf8FromUtf32(nt.chars) == "a微信");
  CHECK(nt.map.Original(1, 3).u16_begin == 2);
  CHECK(nt.map.Original(1, 3).u16_end == 4);

  const std::string bad = std::string("x\xff\xfe") + "微信";
  norm.Normalize(bad, &nt);
  REQUIRE(Utf8FromUtf32(nt.chars) == "x微信");
  OffsetMap::Span s = nt.map.Original(1, 3);
  CHECK(s.byte_begin == 3);
  CHECK(bad.substr(s.byte_begin, s.byte_end - s.byte_begin) == "微信");
  CHECK(s.u16_begin == 3);
}

TEST_CASE("joined marks characters with something dropped before them") {
  Normalizer norm;
  NormalizedText nt;
  norm.Normalize("ab c", &nt);
  REQUIRE(nt.joined.size() == 3);
  CHECK(nt.joined[1] == 1);
  CHECK(nt.joined[2] == 0);
}

TEST_CASE("clause punctuation between numbers ends a digit run, spaces and dashes do not") {
  Normalizer norm;
  NormalizedText nt;
  norm.Normalize("电话13812345678,24小时开机", &nt);
  CHECK(nt.max_digit_run == 11);
  norm.Normalize("电话138 1234-5678", &nt);
  CHECK(nt.max_digit_run == 11);
  norm.Normalize("9点~18点", &nt);
  CHECK(nt.max_digit_run == 2);
  REQUIRE(Utf8FromUtf32(nt.chars) == "9点18点");
  CHECK(nt.clause_break[2] == 1);
  CHECK(nt.clause_break[1] == 0);
}
