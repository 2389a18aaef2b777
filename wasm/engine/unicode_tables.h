// Unicode tables generated at build time from Debian's unicode-data package
// (wasm/tools/gen_unicode_tables.py). Nothing generated is committed.
#ifndef CHATLINT_UNICODE_TABLES_H_
#define CHATLINT_UNICODE_TABLES_H_

#include <cstddef>
#include <cstdint>

namespace chatlint {

struct CodeRange { uint32_t first, last; };
struct CodePair16 { uint16_t key, value; };
// A run of code points mapped to consecutive targets: first_and_count holds the first code
// point (low 21 bits) and the run's length - 1 (high 11 bits); target is first's target.
struct CodeRun { uint32_t first_and_count, target; };

// Spaces, punctuation, symbols, emoji, controls, zero-width and combining marks ('@' kept).
extern const CodeRange kSeparatorRanges[];
extern const size_t kSeparatorRangeCount;
// Traditional -> simplified (BMP), sorted by key.
extern const CodePair16 kSimplified[];
extern const size_t kSimplifiedCount;
// A letter or ideograph in another form (Ⓥ 𝐯 ᵛ Ⅴ ⽀ ⻥ 﨑 …) -> the letter or ideograph, sorted.
extern const CodeRun kCompatibilityForms[];
extern const size_t kCompatibilityFormsCount;
// A letter of another script that looks like one ASCII letter (Х ν ᴠ …) -> that letter, sorted.
extern const CodeRun kLookalikeLetters[];
extern const size_t kLookalikeLettersCount;
// Toneless pinyin syllable ids over U+3400..U+9FFF: bit (cp - kPinyinFirst) of
// kPinyinBits says whether cp has one; kPinyinIds holds them in code point order,
// kPinyinRank[w] counts the set bits before word w.
constexpr char32_t kPinyinFirst = 0x3400, kPinyinEnd = 0xA000;
extern const uint64_t kPinyinBits[];
extern const uint16_t kPinyinRank[];
extern const uint16_t kPinyinIds[];
// Syllable id -> ASCII syllable ('v' for ü).
extern const char* const kSyllables[];
extern const size_t kSyllableCount;

// Lookups (binary search). Return false when the code point has no entry.
bool IsSeparatorChar(char32_t cp);
bool LookupPair(const CodePair16* table, size_t count, char32_t key, uint32_t* value);
bool LookupRun(const CodeRun* table, size_t count, char32_t key, uint32_t* value);

}  // namespace chatlint

#endif  // CHATLINT_UNICODE_TABLES_H_
