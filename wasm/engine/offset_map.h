// OffsetMap: from positions in normalized text back to the original message.
//
// Every normalized code point remembers the span of the original it came from,
// in UTF-16 code units (the unit of JavaScript strings, so text.slice(start, end)
// is the match) and in bytes (for UTF-8 input, natively). A match over
// normalized chars [b, e) maps to the original from the start of char b to the
// end of char e-1, so it covers the disguise too: separators dropped between
// the characters of "微 信" lie inside the span. A symbol read as several characters
// (🐧 -> 企鹅) gives each of them the symbol's span.
#ifndef CHATLINT_OFFSET_MAP_H_
#define CHATLINT_OFFSET_MAP_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace chatlint {

struct Origin {
  uint32_t u16_begin, u16_end;
  uint32_t byte_begin, byte_end;
};

class OffsetMap {
 public:
  struct Span {
    uint32_t u16_begin, u16_end;
    uint32_t byte_begin, byte_end;
  };

  void Clear() { origins_.clear(); }
  void Reserve(size_t n) { origins_.reserve(n); }
  void Add(const Origin& o) { origins_.push_back(o); }
  size_t size() const { return origins_.size(); }
  const Origin& at(size_t i) const { return origins_[i]; }
  // Extends the last original character (every normalized char read from it) to end at
  // the given offsets: a variation selector after ❤ belongs to the ❤.
  void ExtendLast(uint32_t u16_end, uint32_t byte_end) {
    const uint32_t begin = origins_.back().u16_begin;
    for (size_t i = origins_.size(); i-- > 0 && origins_[i].u16_begin == begin;) {
      origins_[i].u16_end = u16_end;
      origins_[i].byte_end = byte_end;
    }
  }

  // The original span of normalized chars [begin, end); requires begin < end <= size().
  Span Original(size_t begin, size_t end) const {
    const Origin& a = origins_[begin];
    const Origin& b = origins_[end - 1];
    return Span{a.u16_begin, b.u16_end, a.byte_begin, b.byte_end};
  }

 private:
  std::vector<Origin> origins_;
};

}  // namespace chatlint

#endif  // CHATLINT_OFFSET_MAP_H_
