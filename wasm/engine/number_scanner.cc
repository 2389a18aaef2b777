#include "number_scanner.h"

namespace chatlint {

namespace {

bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }
bool IsLatinLetter(char32_t c) { return c >= 'a' && c <= 'z'; }

// Latin letters glued to the front of a run make it a code (SF…, JDVA…), except
// the prefixes agents write before a phone number.
bool GluedToCode(const NormalizedText& nt, size_t run_begin) {
  const std::u32string& c = nt.chars;
  if (run_begin == 0 || !nt.joined[run_begin] || !IsLatinLetter(c[run_begin - 1])) return false;
  std::u32string_view before(c.data(), run_begin);
  for (std::u32string_view prefix : {U"vx", U"wx", U"v", U"tel", U"qq", U"dh"}) {
    if (before.size() >= prefix.size() && before.substr(before.size() - prefix.size()) == prefix) return false;
  }
  return true;
}

bool StartsWith(const std::u32string& c, size_t at, size_t end, std::u32string_view s) {
  return end - at >= s.size() && std::u32string_view(c).substr(at, s.size()) == s;
}

}  // namespace

bool NumberScanner::ParseKind(std::string_view name, Kind* out) {
  if (name == "mobile") { *out = kMobile; return true; }
  if (name == "landline") { *out = kLandline; return true; }
  return false;
}

std::string NumberScanner::KindList() { return "mobile, landline"; }

void NumberScanner::Scan(const NormalizedText& nt, uint32_t kinds, std::vector<uint32_t>* boundaries,
                         std::vector<Match>* out) {
  const std::u32string& c = nt.chars;
  const size_t n = c.size();
  std::vector<uint32_t>& bounds = *boundaries;
  for (size_t a = 0; a < n;) {
    if (!IsDigit(c[a])) { ++a; continue; }
    // A run ends at clause punctuation (电话13812345678，2件 is a phone and a 2), at a mask
    // (138****5678 is no number) and at the edges of a masked number's head and tail
    // (NormalizedText::digit_break).
    size_t b = a + 1;
    while (b < n && IsDigit(c[b]) && !nt.digit_break[b]) ++b;
    const size_t run_end = b;
    // A masked number's head and tail (the 138 and the 5678 of 138****5678) are no numbers
    // of their own; runs shorter than any number of a kind here are none either.
    if (nt.mask_break[a] || (b < n && nt.mask_break[b]) || b - a < 10) {
      a = run_end;
      continue;
    }
    bounds.clear();
    for (size_t i = a; i < b; ++i)
      if (i == a || !nt.joined[i]) bounds.push_back(static_cast<uint32_t>(i));
    bounds.push_back(static_cast<uint32_t>(b));
    const bool glued = GluedToCode(nt, a);

    // Is `e` a boundary? Only the few boundaries after index k can be (e <= s + 13).
    size_t k = 0;
    auto is_bound = [&](size_t e) {
      for (size_t j = k + 1; j < bounds.size() && bounds[j] <= e; ++j)
        if (bounds[j] == e) return true;
      return false;
    };
    while (k + 1 < bounds.size()) {
      const size_t s = bounds[k];
      Match m{0, 0, kMobile};
      bool found = false;
      if (!(glued && s == a)) {
        if (kinds & kMobile) {
          // 1[3-9] and 9 more digits; a country code glued in front (86, 0086) is not part of it.
          for (size_t t : {s, s + 2, s + 4}) {
            if (t != s && !(t == s + 2 ? StartsWith(c, s, b, U"86") : StartsWith(c, s, b, U"0086"))) continue;
            if (t + 11 <= b && c[t] == '1' && c[t + 1] >= '3' && c[t + 1] <= '9' && is_bound(t + 11)) {
              m = Match{static_cast<uint32_t>(t), static_cast<uint32_t>(t + 11), kMobile};
              found = true;
              break;
            }
          }
        }
        if (!found && (kinds & kLandline)) {
          if (s + 10 <= b && c[s] == '0' && c[s + 1] != '0') {
            for (size_t len = 12; len >= 10 && !found; --len)
              if (s + len <= b && is_bound(s + len)) {
                m = Match{static_cast<uint32_t>(s), static_cast<uint32_t>(s + len), kLandline};
                found = true;
              }
          } else if ((StartsWith(c, s, b, U"400") || StartsWith(c, s, b, U"800")) && s + 10 <= b && is_bound(s + 10)) {
            m = Match{static_cast<uint32_t>(s), static_cast<uint32_t>(s + 10), kLandline};
            found = true;
          }
        }
      }
      if (!found) { ++k; continue; }
      out->push_back(m);
      while (k + 1 < bounds.size() && bounds[k] < m.end) ++k;
    }
    a = run_end;
  }
}

}  // namespace chatlint
