// Lookups over the generated tables (unicode_tables.h).
#include <algorithm>

#include "unicode_tables.h"

namespace chatlint {

bool IsSeparatorChar(char32_t cp) {
  const CodeRange* end = kSeparatorRanges + kSeparatorRangeCount;
  const CodeRange* it = std::upper_bound(
      kSeparatorRanges, end, static_cast<uint32_t>(cp),
      [](uint32_t v, const CodeRange& r) { return v < r.first; });
  if (it == kSeparatorRanges) return false;
  --it;
  return cp >= it->first && cp <= it->last;
}

bool LookupPair(const CodePair16* table, size_t count, char32_t key, uint32_t* value) {
  if (key > 0xFFFF) return false;
  const CodePair16* end = table + count;
  const CodePair16* it = std::lower_bound(
      table, end, static_cast<uint32_t>(key),
      [](const CodePair16& p, uint32_t v) { return p.key < v; });
  if (it == end || it->key != key) return false;
  *value = it->value;
  return true;
}

bool LookupRun(const CodeRun* table, size_t count, char32_t key, uint32_t* value) {
  const CodeRun* end = table + count;
  const CodeRun* it = std::upper_bound(
      table, end, static_cast<uint32_t>(key),
      [](uint32_t v, const CodeRun& r) { return v < (r.first_and_count & 0x1FFFFF); });
  if (it == table) return false;
  --it;
  const uint32_t first = it->first_and_count & 0x1FFFFF, count_minus_1 = it->first_and_count >> 21;
  if (key - first > count_minus_1) return false;
  *value = it->target + (key - first);
  return true;
}

}  // namespace chatlint
