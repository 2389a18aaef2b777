// Unicode tables generated at build time from Debian's unicode-data package
// (wasm/tools/gen_unicode_tables.py). Nothing generated is committed.
#ifndef CHATLINT_UNICODE_TABLES_H_
#define CHATLINT_UNICODE_TABLES_H_

#include <cstddef>
#include <cstdint>

namespace chatlint {

struct CodeRange { uint32_t first, last; };
struct CodePair { uint32_t key, value; };

// Spaces, punctuation, symbols, emoji, controls, zero-width and combining marks ('@' kept).
extern const CodeRange kSeparatorRanges[];
extern const size_t kSeparatorRangeCount;
// Traditional -> simplified, sorted by key.
extern const CodePair kSimplified[];
extern const size_t kSimplifiedCount;
// Han character -> toneless pinyin syllable id, sorted by key.
extern const CodePair kPinyin[];
extern const size_t kPinyinCount;
// Syllable id -> ASCII syllable ('v' for ü).
extern const char* const kSyllables[];
extern const size_t kSyllableCount;

// Lookups (binary search). Return false when the code point has no entry.
bool IsSeparatorChar(char32_t cp);
bool LookupPair(const CodePair* table, size_t count, char32_t key, uint32_t* value);

}  // namespace chatlint

#endif  // CHATLINT_UNICODE_TABLES_H_
