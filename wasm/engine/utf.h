// UTF-8 / UTF-16 decoding that never fails and never loses a unit.
//
// Chat boxes hold odd text: half an emoji after a cut (a lone surrogate),
// invalid UTF-8 in exported logs, control characters. The decoders below turn
// every ill-formed unit into U+FFFD *of the same width*, so offsets computed on
// the decoded text still point into the original exactly.
#ifndef CHATLINT_UTF_H_
#define CHATLINT_UTF_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace chatlint {

constexpr char32_t kReplacementChar = 0xFFFD;

// One decoded code point and where it sits in its source.
struct DecodedChar {
  char32_t cp;
  uint32_t u16_begin, u16_end;    // UTF-16 code units of the original
  uint32_t byte_begin, byte_end;  // bytes of the original (UTF-8 input only)
};

// Calls fn(const DecodedChar&) for every code point of a UTF-8 string.
// An invalid byte becomes U+FFFD covering that one byte (and one UTF-16 unit).
template <typename Fn>
void DecodeUtf8(std::string_view s, Fn&& fn);

// Same for UTF-16. A lone surrogate becomes U+FFFD covering its one unit.
template <typename Fn>
void DecodeUtf16(std::u16string_view s, Fn&& fn);

void AppendUtf8(char32_t cp, std::string* out);
std::string Utf8FromUtf32(std::u32string_view s);
std::u32string Utf32FromUtf8(std::string_view s);
// UTF-8 -> UTF-16 (invalid bytes become U+FFFD).
std::u16string Utf16FromUtf8(std::string_view s);

// UTF-16 length of a code point.
inline uint32_t Utf16Width(char32_t cp) { return cp >= 0x10000 ? 2 : 1; }

// ---- implementation ----

template <typename Fn>
void DecodeUtf8(std::string_view s, Fn&& fn) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  uint32_t u16 = 0;
  while (i < n) {
    unsigned char c = p[i];
    char32_t cp = kReplacementChar;
    size_t len = 1;
    if (c < 0x80) {
      cp = c;
    } else if (c >= 0xC2 && c <= 0xDF && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
      cp = ((c & 0x1F) << 6) | (p[i + 1] & 0x3F);
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 &&
               (p[i + 2] & 0xC0) == 0x80) {
      char32_t v = ((c & 0x0F) << 12) | ((p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
      if (v >= 0x800 && (v < 0xD800 || v > 0xDFFF)) { cp = v; len = 3; }
    } else if (c >= 0xF0 && c <= 0xF4 && i + 3 < n && (p[i + 1] & 0xC0) == 0x80 &&
               (p[i + 2] & 0xC0) == 0x80 && (p[i + 3] & 0xC0) == 0x80) {
      char32_t v = ((c & 0x07) << 18) | ((p[i + 1] & 0x3F) << 12) |
                   ((p[i + 2] & 0x3F) << 6) | (p[i + 3] & 0x3F);
      if (v >= 0x10000 && v <= 0x10FFFF) { cp = v; len = 4; }
    }
    uint32_t w = Utf16Width(cp);
    DecodedChar d{cp, u16, u16 + w, static_cast<uint32_t>(i), static_cast<uint32_t>(i + len)};
    fn(d);
    u16 += w;
    i += len;
  }
}

template <typename Fn>
void DecodeUtf16(std::u16string_view s, Fn&& fn) {
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    char32_t u = s[i];
    char32_t cp = u;
    size_t len = 1;
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 1 < n && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF) {
        cp = 0x10000 + ((u - 0xD800) << 10) + (s[i + 1] - 0xDC00);
        len = 2;
      } else {
        cp = kReplacementChar;
      }
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      cp = kReplacementChar;
    }
    DecodedChar d{cp, static_cast<uint32_t>(i), static_cast<uint32_t>(i + len), 0, 0};
    fn(d);
    i += len;
  }
}

}  // namespace chatlint

#endif  // CHATLINT_UTF_H_
