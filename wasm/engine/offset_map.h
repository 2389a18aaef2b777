// OffsetMap: from positions in normalized text back to the original message.
//
// Every normalized code point remembers the span of the original it came from,
// in UTF-16 code units (the unit of JavaScript strings, so text.slice(start, end)
// is the match) and in bytes (for UTF-8 input, natively). A match over
// normalized chars [b, e) maps to the original from the start of char b to the
// end of char e-1, so it covers the disguise too: separators dropped between
// the characters of "微 信" lie inside the span.
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
