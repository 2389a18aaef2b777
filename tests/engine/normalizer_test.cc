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
  CHECK(f.Fold(U'¹') == U'1');    // superscripts and subscripts (fancy-text phone numbers)
  CHECK(f.Fold(U'²') == U'2');
  CHECK(f.Fold(U'³') == U'3');
  CHECK(f.Fold(U'⁰') == U'0');
  CHECK(f.Fold(U'⁸') == U'8');
  CHECK(f.Fold(U'₀') == U'0');
  CHECK(f.Fold(U'₉') == U'9');
  CHECK(f.Fold(U'ⁿ') == U'ⁿ');    // a superscript letter is CompatibilityFolder's
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

TEST_CASE("SymbolReader reads emoji and symbols that stand for a sound or a name") {
  SymbolReader f;
  CHECK(f.Fold(U'❤') == U'心');
  CHECK(f.Fold(U'♥') == U'心');
  CHECK(f.Fold(char32_t(0x1F497)) == U'心');  // 💗
  CHECK(f.Fold(U'✉') == U'信');
  CHECK(f.Fold(char32_t(0x1F41F)) == U'鱼');  // 🐟
  const char32_t penguin = f.Fold(char32_t(0x1F427));
  REQUIRE(IsExpansion(penguin));
  CHECK(SymbolReader::Expansion(penguin) == U"企鹅");
  CHECK(SymbolReader::Expansion(f.Fold(U'☎')) == U"电话");
  CHECK(SymbolReader::Expansion(f.Fold(char32_t(0x1F4F1))) == U"手机");  // 📱
  // Everything else is left to the rest of the chain.
  CHECK(f.Fold(char32_t(0x1F600)) == char32_t(0x1F600));  // 😀
  CHECK(f.Fold(U'★') == U'★');
  CHECK(f.Fold(U'♪') == U'♪');  // decoration in chat, not read as 音
  CHECK(f.Fold(U'a') == U'a');
  CHECK(SymbolReader::Expansion(U'心').empty());
}

TEST_CASE("CompatibilityFolder maps letters and ideographs written in another form") {
  CompatibilityFolder f;
  CHECK(f.Fold(U'Ⓥ') == U'V');                    // circled
  CHECK(f.Fold(U'ⓧ') == U'x');
  CHECK(f.Fold(U'⒱') == U'v');                    // parenthesized (v)
  CHECK(f.Fold(char32_t(0x1F165)) == U'V');       // 🅥 negative circled: no decomposition, by name
  CHECK(f.Fold(char32_t(0x1F185)) == U'V');       // 🆅 negative squared
  CHECK(f.Fold(char32_t(0x1F140)) == U'Q');       // 🅀 squared
  CHECK(f.Fold(char32_t(0x1D42F)) == U'v');       // 𝐯 mathematical bold
  CHECK(f.Fold(char32_t(0x1D567)) == U'v');       // 𝕧 double-struck
  CHECK(f.Fold(char32_t(0x1D4FF)) == U'v');       // 𝓿 bold script
  CHECK(f.Fold(char32_t(0x1D5DE)) == U'K');       // 𝗞 sans-serif bold
  CHECK(f.Fold(char32_t(0x1D5B)) == U'v');        // ᵛ modifier (superscript) v
  CHECK(f.Fold(char32_t(0x1D1B)) == U't');        // ᴛ small capital: no decomposition, by name
  CHECK(f.Fold(char32_t(0x299)) == U'b');         // ʙ
  CHECK(f.Fold(char32_t(0xA730)) == U'f');        // ꜰ
  CHECK(f.Fold(char32_t(0x1D20)) == U'v');        // ᴠ
  CHECK(f.Fold(char32_t(0x2E3)) == U'x');         // ˣ
  CHECK(f.Fold(U'Ⅴ') == U'V');                    // Roman numeral five is one letter
  CHECK(f.Fold(char32_t(0x2F40)) == U'支');        // ⽀ Kangxi radical
  CHECK(f.Fold(char32_t(0x2FC2)) == U'魚');        // ⿂ Kangxi radical (then simplified by TraditionalFolder)
  CHECK(f.Fold(char32_t(0x2EE5)) == U'鱼');        // ⻥ CJK radical supplement (EquivalentUnifiedIdeograph.txt)
  CHECK(f.Fold(char32_t(0x2F8BA)) == U'拼');       // CJK compatibility ideograph
  CHECK(f.Fold(char32_t(0xF90A)) == U'金');        // CJK compatibility ideograph (BMP)
  // Several letters, digits and letters with marks stay (™ ㎏ are not one letter; ① is DigitFolder's).
  CHECK(f.Fold(U'™') == U'™');
  CHECK(f.Fold(U'㎏') == U'㎏');
  CHECK(f.Fold(U'①') == U'①');
  CHECK(f.Fold(U'²') == U'²');  // DigitFolder's
  CHECK(f.Fold(U'é') == U'é');
  CHECK(f.Fold(char32_t(0x1F1FB)) == char32_t(0x1F1FB));  // regional indicator: flags are not letters
  CHECK(f.Fold(U'微') == U'微');
  CHECK(f.Fold(U'v') == U'v');
}

TEST_CASE("LookalikeFolder maps letters of other scripts that look like an ASCII letter") {
  LookalikeFolder f;
  CHECK(f.Fold(U'Х') == U'x');  // Cyrillic
  CHECK(f.Fold(U'х') == U'x');
  CHECK(f.Fold(U'В') == U'v');  // Cyrillic ve reads V (ВХ for VX), although it looks like B
  CHECK(f.Fold(U'в') == U'v');
  CHECK(f.Fold(U'О') == U'o');
  CHECK(f.Fold(U'Р') == U'p');
  CHECK(f.Fold(U'Ѵ') == U'v');
  CHECK(f.Fold(U'Ԛ') == U'q');  // its small letter's look-alike
  CHECK(f.Fold(U'ν') == U'v');  // Greek
  CHECK(f.Fold(U'Τ') == U't');
  CHECK(f.Fold(char32_t(0x251)) == U'a');   // ɑ Latin alpha
  CHECK(f.Fold(char32_t(0x131)) == U'i');   // ı dotless i
  // Look-alikes of digits stay letters: Russian words must not become numbers.
  CHECK(f.Fold(U'З') == U'З');
  CHECK(f.Fold(U'б') == U'б');
  // A Greek small letter does not borrow its capital's look-alike (μ is not m).
  CHECK(f.Fold(U'μ') == U'μ');
  CHECK(f.Fold(U'ж') == U'ж');
  CHECK(f.Fold(U'中') == U'中');
  CHECK(f.Fold(U'ㄒ') == U'ㄒ');  // bopomofo is Chinese text
  CHECK(f.Fold(U'x') == U'x');
}

TEST_CASE("Normalizer reads disguised letters and symbols through the whole chain") {
  CHECK(Norm("ⓋⓍ") == "vx");
  CHECK(Norm("𝐕𝐗") == "vx");
  CHECK(Norm("🅥🅧") == "vx");
  CHECK(Norm("ВХ") == "vx");
  CHECK(Norm("ᴢꜰʙ") == "zfb");
  CHECK(Norm("¹³⁸ ₁₂₃₄") == "1381234");
  CHECK(Norm("20m²") == "20m2");
  CHECK(Norm("wеіхіn") == "weixin");  // Cyrillic е і х
  CHECK(Norm("闲⿂") == "闲鱼");        // Kangxi radical, then traditional -> simplified
  CHECK(Norm("v❤️") == "v心");
  CHECK(Norm("加🐧号") == "加企鹅号");
  CHECK(Norm("😀🐧😀") == "企鹅");
  CHECK(Norm("Спасибо") == "cпacибo");  // look-alikes only (С а с о): б is no digit, the rest stays Cyrillic
}

TEST_CASE("a symbol read as several characters maps each of them back to the symbol") {
  Normalizer norm;
  NormalizedText nt;
  const std::string text = "加🐧号";
  norm.Normalize(text, &nt);
  REQUIRE(Utf8FromUtf32(nt.chars) == "加企鹅号");
  for (size_t i : {1, 2}) {
    CHECK(nt.map.at(i).u16_begin == 1);
    CHECK(nt.map.at(i).u16_end == 3);
    CHECK(nt.map.at(i).byte_begin == 3);
    CHECK(nt.map.at(i).byte_end == 7);
  }
  CHECK(nt.joined[2] == 1);
  // A match of 企 alone, or 鹅 alone, still covers the whole penguin.
  OffsetMap::Span s = nt.map.Original(2, 3);
  CHECK(text.substr(s.byte_begin, s.byte_end - s.byte_begin) == "🐧");
  s = nt.map.Original(1, 4);
  CHECK(text.substr(s.byte_begin, s.byte_end - s.byte_begin) == "🐧号");
  // Something dropped before the symbol marks only its first character.
  norm.Normalize("a 🐧", &nt);
  REQUIRE(nt.joined.size() == 3);
  CHECK(nt.joined[1] == 0);
  CHECK(nt.joined[2] == 1);
}

TEST_CASE("a variation selector, skin tone or keycap belongs to the kept character before it") {
  Normalizer norm;
  NormalizedText nt;
  const std::string text = "v❤\uFE0F上";
  norm.Normalize(text, &nt);
  REQUIRE(Utf8FromUtf32(nt.chars) == "v心上");
  OffsetMap::Span s = nt.map.Original(0, 2);
  CHECK(s.u16_begin == 0);
  CHECK(s.u16_end == 3);
  CHECK(text.substr(s.byte_begin, s.byte_end - s.byte_begin) == "v❤\uFE0F");
  CHECK(nt.joined[2] == 1);  // nothing was dropped: the selector is part of the heart
  // Every character read from the symbol is extended.
  norm.Normalize("🐧\uFE0F", &nt);
  REQUIRE(nt.chars.size() == 2);
  CHECK(nt.map.at(0).u16_end == 3);
  CHECK(nt.map.at(1).u16_end == 3);
  // Keycap digits: 1️⃣ is 1, U+FE0F, U+20E3.
  norm.Normalize("1\uFE0F\u20E33\uFE0F\u20E3", &nt);
  REQUIRE(Utf8FromUtf32(nt.chars) == "13");
  CHECK(nt.map.at(0).u16_end == 3);
  CHECK(nt.map.at(1).u16_begin == 3);
  CHECK(nt.map.at(1).u16_end == 6);
  // After a dropped emoji the selector is dropped with it and marks a gap.
  norm.Normalize("a😀\uFE0Fb", &nt);
  REQUIRE(Utf8FromUtf32(nt.chars) == "ab");
  CHECK(nt.map.at(0).u16_end == 1);
  CHECK(nt.joined[1] == 0);
  // At the start there is nothing to attach to.
  norm.Normalize("\uFE0Fa", &nt);
  REQUIRE(Utf8FromUtf32(nt.chars) == "a");
  CHECK(nt.map.at(0).u16_begin == 1);
}

TEST_CASE("expansions and attached selectors stay linear and exact on a long message") {
  Normalizer norm;
  NormalizedText nt;
  std::string text;
  for (int i = 0; i < 100000; ++i) text += "🐧\uFE0F";
  norm.Normalize(text, &nt);
  REQUIRE(nt.chars.size() == 200000);
  for (size_t i = 0; i < nt.chars.size(); i += 2) {
    const uint32_t begin = static_cast<uint32_t>(i / 2 * 3);
    REQUIRE(nt.map.at(i).u16_begin == begin);
    REQUIRE(nt.map.at(i + 1).u16_begin == begin);
    REQUIRE(nt.map.at(i + 1).u16_end == begin + 3);
  }
}

TEST_CASE("each new step can be turned off") {
  Normalizer::Options o;
  o.read_symbols = false;
  o.fold_compatibility = false;
  o.fold_lookalikes = false;
  Normalizer norm(o);
  NormalizedText nt;
  norm.Normalize("v❤ⓋВ", &nt);
  CHECK(Utf8FromUtf32(nt.chars) == "vв");  // ❤ and Ⓥ are symbols (dropped); В only lower-cased
}
