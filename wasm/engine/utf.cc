#include "utf.h"

namespace chatlint {

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string Utf8FromUtf32(std::u32string_view s) {
  std::string out;
  out.reserve(s.size() * 3);
  for (char32_t c : s) AppendUtf8(c, &out);
  return out;
}

std::u32string Utf32FromUtf8(std::string_view s) {
  std::u32string out;
  DecodeUtf8(s, [&](const DecodedChar& d) { out.push_back(d.cp); });
  return out;
}

std::u16string Utf16FromUtf8(std::string_view s) {
  std::u16string out;
  out.reserve(s.size());
  DecodeUtf8(s, [&](const DecodedChar& d) {
    if (d.cp >= 0x10000) {
      out.push_back(static_cast<char16_t>(0xD800 + ((d.cp - 0x10000) >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + ((d.cp - 0x10000) & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(d.cp));
    }
  });
  return out;
}

}  // namespace chatlint
