#include "normalizer.h"

#include <algorithm>

#include "unicode_tables.h"
#include "utf.h"

namespace chatlint {

namespace {
// Emoji and symbols agents put in place of a character or a name, and what they stand for
// (normalized: simplified, lower case). Hand-written: no Unicode data says that a heart is
// read 心. Only symbols seen standing for a forbidden word's sound or name are here; the rest
// of the emoji stay separators. Sorted by code point (binary search).
struct SymbolReading {
  char32_t symbol;
  const char32_t* reading;
};
const SymbolReading kSymbolReadings[] = {
    {0x2121, U"电话"},   // ℡ telephone sign
    {0x260E, U"电话"},   // ☎ black telephone
    {0x260F, U"电话"},   // ☏ white telephone
    {0x2661, U"心"},     // ♡ white heart suit: 心/信 (v♡ = v信)
    {0x2665, U"心"},     // ♥ black heart suit
    {0x2706, U"电话"},   // ✆ telephone location sign
    {0x2709, U"信"},     // ✉ envelope: a letter, 信 (v✉ = v信)
    {0x2763, U"心"},     // ❣ heart exclamation
    {0x2764, U"心"},     // ❤ heavy black heart (v❤ = v信, 微❤ = 微信)
    {0x1F351, U"桃"},    // 🍑 peach: 🍑宝 = 淘宝
    {0x1F360, U"红薯"},  // 🍠 roasted sweet potato: 小🍠 = 小红薯 = 小红书
    {0x1F3B5, U"音"},    // 🎵 musical note: 抖🎵 = 抖音
    {0x1F3B6, U"音"},    // 🎶 musical notes
    {0x1F408, U"猫"},    // 🐈 cat: 天🐈 = 天猫
    {0x1F415, U"狗"},    // 🐕 dog: 🐕东 = 狗东 = 京东
    {0x1F41F, U"鱼"},    // 🐟 fish: 闲🐟 = 闲鱼
    {0x1F420, U"鱼"},    // 🐠 tropical fish
    {0x1F421, U"鱼"},    // 🐡 blowfish
    {0x1F427, U"企鹅"},  // 🐧 penguin: QQ's mascot, 企鹅 = QQ
    {0x1F431, U"猫"},    // 🐱 cat face
    {0x1F436, U"狗"},    // 🐶 dog face
    {0x1F48C, U"信"},    // 💌 love letter: 信
    {0x1F493, U"心"},    // 💓 beating heart
    {0x1F495, U"心"},    // 💕 two hearts
    {0x1F496, U"心"},    // 💖 sparkling heart
    {0x1F497, U"心"},    // 💗 growing heart
    {0x1F498, U"心"},    // 💘 heart with arrow
    {0x1F499, U"心"},    // 💙 blue heart
    {0x1F49A, U"心"},    // 💚 green heart
    {0x1F49B, U"心"},    // 💛 yellow heart
    {0x1F49C, U"心"},    // 💜 purple heart
    {0x1F49D, U"心"},    // 💝 heart with ribbon
    {0x1F49E, U"心"},    // 💞 revolving hearts
    {0x1F49F, U"心"},    // 💟 heart decoration
    {0x1F4DE, U"电话"},  // 📞 telephone receiver
    {0x1F4F1, U"手机"},  // 📱 mobile phone
    {0x1F4F2, U"手机"},  // 📲 mobile phone with arrow
    {0x1F5A4, U"心"},    // 🖤 black heart
    {0x1F90D, U"心"},    // 🤍 white heart
    {0x1F90E, U"心"},    // 🤎 brown heart
    {0x1F9E1, U"心"},    // 🧡 orange heart
};
constexpr size_t kSymbolReadingCount = sizeof(kSymbolReadings) / sizeof(kSymbolReadings[0]);
}  // namespace

char32_t SymbolReader::Fold(char32_t cp) const {
  if (cp < 0x2121) return cp;
  const SymbolReading* end = kSymbolReadings + kSymbolReadingCount;
  const SymbolReading* it = std::lower_bound(kSymbolReadings, end, cp,
                                             [](const SymbolReading& r, char32_t c) { return r.symbol < c; });
  if (it == end || it->symbol != cp) return cp;
  // A reading of one character is that character; a longer one an expansion.
  if (it->reading[1] == 0) return it->reading[0];
  return kExpansionBase + static_cast<char32_t>(it - kSymbolReadings);
}

std::u32string_view SymbolReader::Expansion(char32_t folded) {
  if (!IsExpansion(folded) || folded - kExpansionBase >= kSymbolReadingCount) return {};
  return kSymbolReadings[folded - kExpansionBase].reading;
}

char32_t CompatibilityFolder::Fold(char32_t cp) const {
  uint32_t v;
  if (cp >= 0xAA && LookupRun(kCompatibilityForms, kCompatibilityFormsCount, cp, &v)) return v;
  return cp;
}

char32_t LookalikeFolder::Fold(char32_t cp) const {
  uint32_t v;
  if (cp >= 0x80 && LookupRun(kLookalikeLetters, kLookalikeLettersCount, cp, &v)) return v;
  return cp;
}

bool AttachesToPrevious(char32_t cp) {
  return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF) || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
         cp == 0x20E3;
}

char32_t WidthFolder::Fold(char32_t cp) const {
  if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFF01 + 0x21;
  if (cp == 0x3000) return 0x20;
  return cp;
}

char32_t CaseFolder::Fold(char32_t cp) const {
  if (cp >= 'A' && cp <= 'Z') return cp + 0x20;
  if (cp < 0xC0) return cp;
  if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) || (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) ||
      (cp >= 0x410 && cp <= 0x42F))
    return cp + 0x20;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;
  return cp;
}

char32_t TraditionalFolder::Fold(char32_t cp) const {
  // 幺 is listed as a variant of 么, but it is also the spoken "one" of phone numbers.
  if (cp == U'幺') return cp;
  uint32_t simplified;
  if (cp >= 0x3400 && LookupPair(kSimplified, kSimplifiedCount, cp, &simplified)) return simplified;
  return cp;
}

char32_t DigitFolder::Fold(char32_t cp) const {
  struct Block { char32_t first; char32_t last; char32_t value_of_first; };
  static const Block kBlocks[] = {
      {0x2460, 0x2468, '1'},  // ①..⑨
      {0x24EA, 0x24EA, '0'},  // ⓪
      {0x2474, 0x247C, '1'},  // ⑴..⑼
      {0x2488, 0x2490, '1'},  // ⒈..⒐
      {0x24F5, 0x24FD, '1'},  // ⓵..⓽
      {0x24FF, 0x24FF, '0'},  // ⓿
      {0x2776, 0x277E, '1'},  // ❶..❾
      {0x2780, 0x2788, '1'},  // ➀..➈
      {0x278A, 0x2792, '1'},  // ➊..➒
      {0x1F100, 0x1F100, '0'},  // 🄀
      {0x1F101, 0x1F10A, '0'},  // 🄁..🄊 (digit comma)
      {0x1D7CE, 0x1D7D7, '0'},  // mathematical bold digits
      {0x1D7D8, 0x1D7E1, '0'},
      {0x1D7E2, 0x1D7EB, '0'},
      {0x1D7EC, 0x1D7F5, '0'},
      {0x1D7F6, 0x1D7FF, '0'},
      {0x2070, 0x2070, '0'},  // ⁰ superscripts (¹²³ are Latin-1, below)
      {0x2074, 0x2079, '4'},  // ⁴..⁹
      {0x2080, 0x2089, '0'},  // ₀..₉ subscripts
  };
  if (cp < 0x2070) {
    if (cp == 0xB9) return '1';  // ¹
    if (cp == 0xB2 || cp == 0xB3) return '2' + (cp - 0xB2);  // ² ³
    return cp;
  }
  for (const Block& b : kBlocks)
    if (cp >= b.first && cp <= b.last) return b.value_of_first + (cp - b.first);
  return cp;
}

char32_t SeparatorDropper::Fold(char32_t cp) const {
  return IsSeparatorChar(cp) ? kDropChar : cp;
}

bool IsMaskCharacter(char32_t cp) {
  return cp == U'*' || cp == U'＊' || cp == U'∗' || cp == U'﹡' || cp == U'×' || cp == U'✱';
}

bool IsClausePunctuation(char32_t cp) {
  switch (cp) {
    case U',': case U'，': case U'。': case U'｡': case U';': case U'；': case U'!': case U'！':
    case U'?': case U'？': case U'、': case U'~': case U'～': case U'…': case U'\n': case U'\r':
      return true;
    default:
      return false;
  }
}

namespace {
// The Chinese digits' code points, for a quick "certainly not one" (see below).
constexpr char32_t kChineseDigits[] = {U'〇', U'零', U'一', U'壹', U'幺', U'二', U'贰', U'三', U'叁', U'四', U'肆',
                                       U'五', U'伍', U'六', U'陆', U'七', U'柒', U'八', U'捌', U'九', U'玖'};
constexpr uint64_t DigitBits(int shift) {
  uint64_t bits = 0;
  for (char32_t c : kChineseDigits) bits |= uint64_t{1} << ((c >> shift) & 63);
  return bits;
}
constexpr uint64_t kDigitLow = DigitBits(0), kDigitMid = DigitBits(6);
}  // namespace

bool ChineseDigitValue(char32_t cp, int* digit) {
  // Most characters of a message are not Chinese digits: two bit tests say so
  // (about 1 in 9 Han characters passes them) before the switch.
  if (cp < 0x3007 || !((kDigitLow >> (cp & 63)) & 1) || !((kDigitMid >> ((cp >> 6) & 63)) & 1)) return false;
  switch (cp) {
    case U'〇': case U'零': *digit = 0; return true;
    case U'一': case U'壹': case U'幺': *digit = 1; return true;
    case U'二': case U'贰': *digit = 2; return true;
    case U'三': case U'叁': *digit = 3; return true;
    case U'四': case U'肆': *digit = 4; return true;
    case U'五': case U'伍': *digit = 5; return true;
    case U'六': case U'陆': *digit = 6; return true;
    case U'七': case U'柒': *digit = 7; return true;
    case U'八': case U'捌': *digit = 8; return true;
    case U'九': case U'玖': *digit = 9; return true;
    default: return false;
  }
}

void NormalizedText::Reserve(size_t n) {
  chars.reserve(n);
  map.Reserve(n);
  joined.reserve(n);
  clause_break.reserve(n);
  mask_break.reserve(n);
  digit_break.reserve(n);
}

void NormalizedText::Clear() {
  chars.clear();
  map.Clear();
  joined.clear();
  clause_break.clear();
  mask_break.clear();
  digit_break.clear();
  max_digit_run = 0;
}

Normalizer::Normalizer(const Options& options) : options_(options) {
  if (options.read_symbols) chain_.push_back(std::make_unique<SymbolReader>());
  if (options.fold_compatibility) chain_.push_back(std::make_unique<CompatibilityFolder>());
  if (options.fold_lookalikes) chain_.push_back(std::make_unique<LookalikeFolder>());
  if (options.fold_width) chain_.push_back(std::make_unique<WidthFolder>());
  if (options.fold_case) chain_.push_back(std::make_unique<CaseFolder>());
  if (options.fold_traditional) chain_.push_back(std::make_unique<TraditionalFolder>());
  if (options.fold_digits) chain_.push_back(std::make_unique<DigitFolder>());
  if (options.drop_separators) chain_.push_back(std::make_unique<SeparatorDropper>());
}

char32_t* Normalizer::NewCacheBlock(uint32_t block) const {
  cache_[block].reset(new char32_t[256]);
  std::fill_n(cache_[block].get(), 256, kNotCached);
  return cache_[block].get();
}

char32_t Normalizer::FoldChain(char32_t cp) const {
  for (const auto& folder : chain_) {
    cp = folder->Fold(cp);
    if (cp == kDropChar || IsExpansion(cp)) break;  // an expansion's characters are already normalized
  }
  return cp;
}

inline void Normalizer::Append(char32_t cp, const Origin& origin, NormalizedText* out, Gap* gap) const {
  char32_t f = FoldChar(cp);
  if (f == kDropChar) {
    if (!gap->dropped && !out->chars.empty() && AttachesToPrevious(cp)) {
      out->map.ExtendLast(origin.u16_end, origin.byte_end);
      return;
    }
    gap->dropped = true;
    if (IsClausePunctuation(cp)) gap->clause = true;
    if (IsMaskCharacter(cp)) ++gap->masks;
    return;
  }
  if (IsExpansion(f)) {
    for (char32_t c : SymbolReader::Expansion(f)) {
      out->chars.push_back(c);
      out->map.Add(origin);
      out->joined.push_back(gap->dropped ? 0 : 1);
      out->clause_break.push_back(gap->clause ? 1 : 0);
      out->mask_break.push_back(gap->masks >= 2 ? 1 : 0);
      *gap = Gap();
    }
    return;
  }
  out->chars.push_back(f);
  out->map.Add(origin);
  out->joined.push_back(gap->dropped ? 0 : 1);
  out->clause_break.push_back(gap->clause ? 1 : 0);
  out->mask_break.push_back(gap->masks >= 2 ? 1 : 0);
  *gap = Gap();
}

void Normalizer::Finish(NormalizedText* out) const {
  std::u32string& c = out->chars;
  const size_t n = c.size();
  uint32_t run = 0, best = 0;
  size_t i = 0;
  while (i < n) {
    // A run of digit-like characters: ASCII digits and Chinese digits.
    size_t j = i;
    bool has_chinese = false;
    int d;
    while (j < n && ((c[j] >= '0' && c[j] <= '9') ||
                     (options_.fold_digits && ChineseDigitValue(c[j], &d)))) {
      if (c[j] > '9') has_chinese = true;
      ++j;
    }
    if (j == i) {
      ++i;
      continue;
    }
    if (has_chinese && j - i >= 2) {
      for (size_t k = i; k < j; ++k)
        if (c[k] > '9' && ChineseDigitValue(c[k], &d)) c[k] = '0' + d;
    }
    run = 0;
    for (size_t k = i; k < j; ++k) {
      if (out->clause_break[k] || out->mask_break[k]) run = 0;
      run = (c[k] >= '0' && c[k] <= '9') ? run + 1 : 0;
      if (run > best) best = run;
    }
    i = j;
  }
  out->max_digit_run = best;

  // Where digit runs end (see NormalizedText::digit_break).
  auto digit = [&](size_t k) { return c[k] >= '0' && c[k] <= '9'; };
  std::vector<uint8_t>& brk = out->digit_break;
  brk.resize(n);
  uint8_t any_mask = 0;
  for (size_t k = 0; k < n; ++k) {
    const uint8_t m = out->mask_break[k];
    brk[k] = out->clause_break[k] | m;
    any_mask |= m;
  }
  for (size_t k = 0; any_mask && k < n; ++k) {
    if (!out->mask_break[k]) continue;
    // The head: the digits just before the mask, back to the separator before them.
    if (k > 0 && digit(k - 1)) {
      size_t g = k - 1;
      while (g > 0 && out->joined[g] && digit(g - 1) && !brk[g]) --g;
      if (g > 0 && digit(g - 1)) brk[g] = 1;
    }
    // The tail: the digits just after it, up to the separator after them.
    if (digit(k)) {
      size_t t = k + 1;
      while (t < n && out->joined[t] && digit(t) && !brk[t]) ++t;
      if (t < n && digit(t)) brk[t] = 1;
    }
  }
}

void Normalizer::Normalize(std::string_view utf8, NormalizedText* out) const {
  out->Clear();
  out->Reserve(utf8.size());
  Gap gap;
  DecodeUtf8(utf8, [&](const DecodedChar& d) {
    Append(d.cp, Origin{d.u16_begin, d.u16_end, d.byte_begin, d.byte_end}, out, &gap);
  });
  Finish(out);
}

void Normalizer::Normalize(std::u16string_view utf16, NormalizedText* out) const {
  out->Clear();
  out->Reserve(utf16.size());
  Gap gap;
  DecodeUtf16(utf16, [&](const DecodedChar& d) {
    Append(d.cp, Origin{d.u16_begin, d.u16_end, 0, 0}, out, &gap);
  });
  Finish(out);
}

std::u32string Normalizer::NormalizeWord(std::string_view utf8) const {
  NormalizedText nt;
  Normalize(utf8, &nt);
  return nt.chars;
}

}  // namespace chatlint
