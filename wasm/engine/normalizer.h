// Normalizer: turns a chat message into the form rules are matched against,
// keeping an OffsetMap back to the original text.
//
// Agents disguise forbidden words ("微 信", "ＶＸ", "v.x", "徽信", "一三八…", "ⓋⓍ", "ВХ",
// "v❤", "🐧"), so matching happens on normalized text. Normalization is a chain of small,
// separately tested folders (OpenCC style), each mapping one code point:
//
//   SymbolReader        an emoji or symbol standing for a sound or a name -> what it stands
//                       for, possibly several characters (❤ -> 心, 🐧 -> 企鹅, ☎ -> 电话)
//   CompatibilityFolder a letter or ideograph in another form -> itself (Ⓥ 🅥 ⒱ 𝐯 ᵛ ᴠ Ⅴ -> v,
//                       Kangxi radicals and compatibility ideographs -> the ideograph)
//   LookalikeFolder     a letter of another script that looks like an ASCII one -> it (В Х ν)
//   WidthFolder         full-width ASCII -> ASCII, ideographic space -> space
//   CaseFolder          upper case -> lower case (ASCII, Latin-1, Greek, Cyrillic)
//   TraditionalFolder   traditional Han -> simplified (Unihan, generated at build time)
//   DigitFolder         circled / parenthesized / full-stop / superscript / subscript digits -> ASCII
//   SeparatorDropper    spaces, punctuation, symbols, emoji, zero-width, controls -> dropped
//
// For speed the chain's result is cached per BMP code point, in blocks filled
// lazily (a checker is ready at once and only characters actually seen are
// folded); astral code points (emoji) run through the chain directly. One context step follows:
// Chinese and financial digits (一三八, 壹叁捌) become ASCII digits when at least
// two digit-like characters stand together, so 第一 stays 第一 but 一三八 is 138.
//
// A symbol read as several characters maps every one of them back to the symbol, so a
// finding covers it whole; a variation selector, skin tone or keycap right after a kept
// character belongs to it (❤️ is ❤ + U+FE0F: a match ending in 心 covers both).
//
// Usage:
//   Normalizer norm;                       // default options: everything on
//   NormalizedText nt;
//   norm.Normalize(u8"加 我 ＶＸ", &nt);   // nt.chars == U"加我vx"
//   OffsetMap::Span s = nt.map.Original(2, 4);  // UTF-16 [4, 7) and bytes of "ＶＸ"
//
// Normalize() fills the cache as it goes: use one Normalizer per thread.
#ifndef CHATLINT_NORMALIZER_H_
#define CHATLINT_NORMALIZER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "offset_map.h"

namespace chatlint {

// Returned by a folder for a code point that is dropped from the normalized text.
constexpr char32_t kDropChar = 0xFFFFFFFF;

// Returned by SymbolReader (and FoldChar) for a symbol read as several characters:
// kExpansionBase + index; Normalizer::Expansion() gives the characters.
constexpr char32_t kExpansionBase = 0xFFFF0000;
inline bool IsExpansion(char32_t folded) { return folded >= kExpansionBase && folded < 0xFFFFFFF0; }

// One step of the chain: maps a code point to another, or to kDropChar.
class CharFolder {
 public:
  virtual ~CharFolder() = default;
  virtual char32_t Fold(char32_t cp) const = 0;
};

class SymbolReader : public CharFolder {
 public:
  char32_t Fold(char32_t cp) const override;
  // The characters an expansion stands for (empty unless IsExpansion(folded)).
  static std::u32string_view Expansion(char32_t folded);
};
class CompatibilityFolder : public CharFolder { public: char32_t Fold(char32_t cp) const override; };
class LookalikeFolder : public CharFolder { public: char32_t Fold(char32_t cp) const override; };
class WidthFolder : public CharFolder { public: char32_t Fold(char32_t cp) const override; };
class CaseFolder : public CharFolder { public: char32_t Fold(char32_t cp) const override; };
class TraditionalFolder : public CharFolder { public: char32_t Fold(char32_t cp) const override; };
class DigitFolder : public CharFolder { public: char32_t Fold(char32_t cp) const override; };
class SeparatorDropper : public CharFolder { public: char32_t Fold(char32_t cp) const override; };

// The normalized message: code points, and for each where it came from.
struct NormalizedText {
  std::u32string chars;
  OffsetMap map;
  // joined[i] is 1 when nothing was dropped between chars[i-1] and chars[i]
  // (used for Latin word boundaries: "have x" must not match "vx").
  std::vector<uint8_t> joined;
  // clause_break[i] is 1 when clause punctuation (，。；！？、,;!?~ and line breaks) was
  // dropped right before chars[i]. Spaces and dashes inside a number are dropped
  // silently (138 1234 5678), but "电话13812345678,24小时" must not glue the phone
  // number to 24: digit runs end at clause breaks, and number patterns see one.
  std::vector<uint8_t> clause_break;
  // mask_break[i] is 1 when two or more mask characters (* ＊ ∗ ﹡ ×) were dropped
  // right before chars[i]: 138****5678 is a masked number, not the 7-digit number
  // 1385678. Digit runs end there, and number patterns see a \x1F. (A single *
  // between digits is still a separator: 138*1234*5678 is a disguised phone.)
  std::vector<uint8_t> mask_break;
  // digit_break[i] is 1 where a run of digits must end before chars[i]: at clause
  // punctuation, at a mask, and at the outer edges of a masked number's head and tail
  // (in 0755 01****67 89 the 01 and the 67 belong to the masked number, not to 0755
  // or 89). Number scanners and patterns never read a number across one.
  std::vector<uint8_t> digit_break;
  // Length of the longest run of ASCII digits (a cheap prefilter for number rules).
  uint32_t max_digit_run = 0;

  void Clear();
  void Reserve(size_t n);  // for a message of n code units
};

class Normalizer {
 public:
  struct Options {
    bool read_symbols = true;
    bool fold_compatibility = true;
    bool fold_lookalikes = true;
    bool fold_width = true;
    bool fold_case = true;
    bool fold_traditional = true;
    bool fold_digits = true;
    bool drop_separators = true;
  };

  Normalizer() : Normalizer(Options()) {}
  explicit Normalizer(const Options& options);
  Normalizer(const Normalizer&) = delete;
  Normalizer& operator=(const Normalizer&) = delete;

  // Normalizes a message. Invalid UTF-8 / lone surrogates become U+FFFD of the
  // same width, so offsets stay exact. `out` is reused: pass the same object
  // for every message to avoid allocations.
  void Normalize(std::string_view utf8, NormalizedText* out) const;
  void Normalize(std::u16string_view utf16, NormalizedText* out) const;

  // Normalizes a rule word the same way (no offsets).
  std::u32string NormalizeWord(std::string_view utf8) const;

  // The chain applied to one code point (kDropChar when dropped, an IsExpansion() value
  // when it stands for several characters).
  char32_t FoldChar(char32_t cp) const {
    if (cp >= 0x10000) return FoldChain(cp);
    char32_t* block = cache_[cp >> 8].get();
    if (block == nullptr) block = NewCacheBlock(cp >> 8);
    char32_t& v = block[cp & 0xFF];
    if (v == kNotCached) v = FoldChain(cp);
    return v;
  }

  const Options& options() const { return options_; }

 private:
  static constexpr char32_t kNotCached = 0xFFFFFFFE;
  char32_t FoldChain(char32_t cp) const;
  char32_t* NewCacheBlock(uint32_t block) const;
  // What was dropped since the last kept character.
  struct Gap {
    bool dropped = false;
    bool clause = false;
    int masks = 0;
  };
  void Append(char32_t cp, const Origin& origin, NormalizedText* out, Gap* gap) const;
  void Finish(NormalizedText* out) const;

  Options options_;
  std::vector<std::unique_ptr<CharFolder>> chain_;
  // chain_'s result per BMP code point (kNotCached until first seen), in 256-entry
  // blocks allocated when a message first uses them.
  mutable std::unique_ptr<char32_t[]> cache_[256];
};

// True for what belongs to the character before it when that one is kept: variation
// selectors (❤️), skin tones and the keycap mark (1️⃣). Dropped otherwise.
bool AttachesToPrevious(char32_t cp);

// True for the characters that mask digits (see NormalizedText::mask_break).
bool IsMaskCharacter(char32_t cp);

// True for punctuation that ends a clause (see NormalizedText::clause_break).
bool IsClausePunctuation(char32_t cp);

// True for 〇零一二三四五六七八九 and 壹贰叁肆伍陆柒捌玖; *digit gets the value.
bool ChineseDigitValue(char32_t cp, int* digit);

}  // namespace chatlint

#endif  // CHATLINT_NORMALIZER_H_
