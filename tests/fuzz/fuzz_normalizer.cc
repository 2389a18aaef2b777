// Fuzz target: the Normalizer and its OffsetMap on arbitrary bytes.
//
// The input is normalized as UTF-8, as the same UTF-8 converted to UTF-16 (what
// the npm package passes), and as raw UTF-16LE code units (lone surrogates, any
// unit). Normalizers with every combination of options are exercised too: the
// first byte picks one of the 32 for a fourth pass.
//
// Asserted (see CheckNormalized): the per-character arrays have one entry per
// normalized char; every char maps back to exactly one character of the original
// (spans in range, ordered, disjoint, of the right width; a symbol read as several
// characters gives each of them its span, and a variation selector after a kept
// character widens that character's span), and that character folds to it (or is a Chinese digit turned into its ASCII digit); joined[] and
// clause_break[] and mask_break[] say exactly what was dropped in front of each
// char; the longest digit run (ended by clause punctuation and masks) is right; a Chinese digit is converted exactly when it stands next to
// another digit; Original() of any range agrees with the per-char spans; and the
// UTF-8 and UTF-16 views of one message normalize identically.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "fuzz_util.h"
#include "normalizer.h"
#include "utf.h"

using namespace chatlint;
using namespace chatlint_fuzz;

namespace {

struct Decoded {
  std::u32string cps;
  std::vector<DecodedChar> chars;
};

bool IsDigitLike(const Normalizer::Options& o, char32_t c) {
  int d;
  return (c >= '0' && c <= '9') || (o.fold_digits && ChineseDigitValue(c, &d));
}

// `decoded`: the original's characters as the engine's decoder sees them;
// `utf8`: true when offsets include bytes.
void CheckNormalized(const Normalizer& norm, const std::vector<DecodedChar>& decoded, size_t u16_size,
                     size_t byte_size, bool utf8, const NormalizedText& nt) {
  const size_t n = nt.chars.size();
  auto sizes = [&] { return "chars " + std::to_string(n) + ", map " + std::to_string(nt.map.size()) + ", joined " +
                            std::to_string(nt.joined.size()) + ", clause_break " + std::to_string(nt.clause_break.size()) +
                           ", mask_break " + std::to_string(nt.mask_break.size()); };
  FUZZ_CHECK(nt.map.size() == n && nt.joined.size() == n && nt.clause_break.size() == n && nt.mask_break.size() == n,
             sizes());
  // At most one normalized char per original char, but a symbol read as several (🐧 -> 企鹅) gives
  // each of them.
  size_t most = 0;
  for (const DecodedChar& d : decoded) {
    const char32_t folded = norm.FoldChar(d.cp);
    most += IsExpansion(folded) ? SymbolReader::Expansion(folded).size() : 1;
  }
  FUZZ_CHECK(n <= most, sizes() + ", at most " + std::to_string(most));
  const Normalizer::Options& opt = norm.options();

  size_t k = 0;  // index into decoded: the character chars[i] came from
  uint32_t run = 0, best = 0;
  std::u32string_view expansion;  // the rest of a symbol read as several characters
  for (size_t i = 0; i < n; ++i) {
    const Origin& o = nt.map.at(i);
    auto what = [&] {
      return "normalized char " + std::to_string(i) + " (" + CodePoint(nt.chars[i]) + ") origin u16 [" +
             std::to_string(o.u16_begin) + "," + std::to_string(o.u16_end) + ") bytes [" +
             std::to_string(o.byte_begin) + "," + std::to_string(o.byte_end) + ")";
    };
    FUZZ_CHECK(nt.chars[i] != kDropChar && nt.chars[i] != 0xFFFFFFFE, what());
    FUZZ_CHECK(o.u16_begin < o.u16_end && o.u16_end <= u16_size, what() + ", message has " + std::to_string(u16_size) + " units");
    if (utf8) FUZZ_CHECK(o.byte_begin < o.byte_end && o.byte_end <= byte_size, what() + ", message has " + std::to_string(byte_size) + " bytes");
    if (!expansion.empty()) {
      // The next character of a symbol read as several (🐧 -> 企鹅): the symbol's span again.
      const Origin& p = nt.map.at(i - 1);
      FUZZ_CHECK(p.u16_begin == o.u16_begin && p.u16_end == o.u16_end && p.byte_begin == o.byte_begin &&
                     p.byte_end == o.byte_end, what() + ": part of an expansion with another span");
      FUZZ_CHECK(nt.chars[i] == expansion.front(), what() + ": not the expansion's next character");
      FUZZ_CHECK(nt.joined[i] == 1 && nt.clause_break[i] == 0 && nt.mask_break[i] == 0, what() + ": breaks inside an expansion");
      expansion.remove_prefix(1);
      if (nt.chars[i] >= '0' && nt.chars[i] <= '9') run = run + 1; else run = 0;
      best = std::max(best, run);
      continue;
    }
    if (i > 0) {
      const Origin& p = nt.map.at(i - 1);
      FUZZ_CHECK(p.u16_end <= o.u16_begin, what() + ": overlaps or precedes the previous char's span");
      if (utf8) FUZZ_CHECK(p.byte_end <= o.byte_begin, what() + ": byte span overlaps or precedes the previous one");
    }
    // Find the decoded character this one came from; everything skipped was dropped.
    bool dropped = false, clause = false;
    int masks = 0;
    while (k < decoded.size() && decoded[k].u16_begin < o.u16_begin) {
      FUZZ_CHECK(norm.FoldChar(decoded[k].cp) == kDropChar,
                 what() + ": original char at u16 " + std::to_string(decoded[k].u16_begin) + " is neither kept nor dropped");
      dropped = true;
      if (IsClausePunctuation(decoded[k].cp)) clause = true;
      if (IsMaskCharacter(decoded[k].cp)) ++masks;
      ++k;
    }
    FUZZ_CHECK(k < decoded.size(), what() + ": no original character there");
    const DecodedChar& d = decoded[k];
    ++k;
    // Variation selectors, skin tones and keycaps right after it belong to it (❤️).
    uint32_t u16_end = d.u16_end, byte_end = d.byte_end;
    while (k < decoded.size() && AttachesToPrevious(decoded[k].cp) && norm.FoldChar(decoded[k].cp) == kDropChar) {
      u16_end = decoded[k].u16_end;
      byte_end = decoded[k].byte_end;
      ++k;
    }
    FUZZ_CHECK(d.u16_begin == o.u16_begin && u16_end == o.u16_end, what() + ": not one whole original character");
    if (utf8) FUZZ_CHECK(d.byte_begin == o.byte_begin && byte_end == o.byte_end, what() + ": not one whole original character (bytes)");
    // The char is the original folded, or a Chinese digit standing with another digit made ASCII.
    const char32_t folded = norm.FoldChar(d.cp);
    FUZZ_CHECK(folded != kDropChar, what() + ": a dropped character was kept");
    if (IsExpansion(folded)) {
      expansion = SymbolReader::Expansion(folded);
      FUZZ_CHECK(expansion.size() >= 2 && nt.chars[i] == expansion.front(), what() + ": not the expansion's first character");
      expansion.remove_prefix(1);
      FUZZ_CHECK(nt.joined[i] == (dropped ? 0 : 1), what() + ": joined[] disagrees with what was dropped before it");
      FUZZ_CHECK(nt.clause_break[i] == (clause ? 1 : 0), what() + ": clause_break[] disagrees with the dropped punctuation");
      FUZZ_CHECK(nt.mask_break[i] == (masks >= 2 ? 1 : 0), what() + ": mask_break[] disagrees with the dropped mask characters");
      if (nt.clause_break[i] || nt.mask_break[i]) run = 0;
      run = (nt.chars[i] >= '0' && nt.chars[i] <= '9') ? run + 1 : 0;
      best = std::max(best, run);
      continue;
    }
    int digit = -1;
    const bool chinese_digit = opt.fold_digits && ChineseDigitValue(folded, &digit);
    if (nt.chars[i] != folded) {
      FUZZ_CHECK(chinese_digit && nt.chars[i] == static_cast<char32_t>('0' + digit),
                 what() + ": is neither the original folded nor its digit");
    }
    FUZZ_CHECK(nt.joined[i] == (dropped ? 0 : 1), what() + ": joined[] disagrees with what was dropped before it");
    FUZZ_CHECK(nt.clause_break[i] == (clause ? 1 : 0), what() + ": clause_break[] disagrees with the dropped punctuation");
    FUZZ_CHECK(nt.mask_break[i] == (masks >= 2 ? 1 : 0), what() + ": mask_break[] disagrees with the dropped mask characters");
    if (chinese_digit) {
      // Converted exactly when a digit-like neighbour stands next to it (in normalized text).
      const bool neighbour = (i > 0 && IsDigitLike(opt, nt.chars[i - 1])) ||
                             (i + 1 < n && IsDigitLike(opt, nt.chars[i + 1]));
      FUZZ_CHECK(neighbour == (nt.chars[i] != folded), what() + ": Chinese digit conversion disagrees with its neighbours");
    }
    if (nt.clause_break[i] || nt.mask_break[i]) run = 0;
    run = (nt.chars[i] >= '0' && nt.chars[i] <= '9') ? run + 1 : 0;
    best = std::max(best, run);
  }
  for (; k < decoded.size(); ++k)
    FUZZ_CHECK(norm.FoldChar(decoded[k].cp) == kDropChar, "trailing original char at u16 " +
               std::to_string(decoded[k].u16_begin) + " is neither kept nor dropped");
  FUZZ_CHECK(nt.max_digit_run == best, "max_digit_run " + std::to_string(nt.max_digit_run) + ", expected " + std::to_string(best));
  // Original() of ranges: from the start of the first char to the end of the last.
  if (n > 0) {
    const size_t spans[][2] = {{0, n}, {0, 1}, {n - 1, n}, {n / 3, n - n / 3}};
    for (const auto& r : spans) {
      if (r[0] >= r[1]) continue;
      OffsetMap::Span s = nt.map.Original(r[0], r[1]);
      FUZZ_CHECK(s.u16_begin == nt.map.at(r[0]).u16_begin && s.u16_end == nt.map.at(r[1] - 1).u16_end &&
                     s.byte_begin == nt.map.at(r[0]).byte_begin && s.byte_end == nt.map.at(r[1] - 1).byte_end,
                 "Original(" + std::to_string(r[0]) + "," + std::to_string(r[1]) + ") disagrees with the char spans");
      FUZZ_CHECK(s.u16_begin < s.u16_end && s.u16_end <= u16_size, "Original() out of range");
    }
  }
}

std::vector<DecodedChar> DecodedOf8(std::string_view s) {
  std::vector<DecodedChar> v;
  DecodeUtf8(s, [&](const DecodedChar& d) { v.push_back(d); });
  return v;
}

std::vector<DecodedChar> DecodedOf16(std::u16string_view s) {
  std::vector<DecodedChar> v;
  DecodeUtf16(s, [&](const DecodedChar& d) { v.push_back(d); });
  return v;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Normalizer* kDefault = new Normalizer();
  static const Normalizer* kVariants[32] = {};
  if (kVariants[0] == nullptr) {
    for (int m = 0; m < 32; ++m) {
      Normalizer::Options o;  // bit set: that step is off
      o.fold_width = !(m & 1);
      o.fold_case = !(m & 2);
      o.fold_traditional = !(m & 4);
      o.fold_digits = !(m & 8);
      o.drop_separators = !(m & 16);
      // The symbol, compatibility and look-alike steps follow the first three bits' pattern.
      o.read_symbols = !(m & 1);
      o.fold_compatibility = !(m & 2);
      o.fold_lookalikes = !(m & 4);
      kVariants[m] = new Normalizer(o);
    }
  }
  static NormalizedText* nt8 = new NormalizedText();
  static NormalizedText* nt16 = new NormalizedText();

  const std::string_view utf8(reinterpret_cast<const char*>(data), size);
  const std::u16string u16 = Utf16FromUtf8(utf8);
  const std::vector<DecodedChar> d8 = DecodedOf8(utf8);

  Where() = "UTF-8, default options";
  kDefault->Normalize(utf8, nt8);
  CheckNormalized(*kDefault, d8, u16.size(), size, true, *nt8);

  Where() = "the UTF-8 converted to UTF-16, default options";
  kDefault->Normalize(std::u16string_view(u16), nt16);
  CheckNormalized(*kDefault, DecodedOf16(u16), u16.size(), 0, false, *nt16);
  // One message, two encodings, one normalized text (invalid bytes and their U+FFFD alike).
  FUZZ_CHECK(nt8->chars == nt16->chars && nt8->joined == nt16->joined && nt8->clause_break == nt16->clause_break &&
                 nt8->max_digit_run == nt16->max_digit_run,
             "UTF-8 and UTF-16 normalize differently: message " + Hex(utf8));
  for (size_t i = 0; i < nt8->map.size(); ++i)
    FUZZ_CHECK(nt8->map.at(i).u16_begin == nt16->map.at(i).u16_begin && nt8->map.at(i).u16_end == nt16->map.at(i).u16_end,
               "UTF-8 and UTF-16 map char " + std::to_string(i) + " to different units: message " + Hex(utf8));

  Where() = "the bytes as raw UTF-16LE units, default options";
  std::u16string raw(size / 2, u'\0');
  for (size_t i = 0; i + 1 < size; i += 2) raw[i / 2] = static_cast<char16_t>(data[i] | (data[i + 1] << 8));
  kDefault->Normalize(std::u16string_view(raw), nt16);
  CheckNormalized(*kDefault, DecodedOf16(raw), raw.size(), 0, false, *nt16);

  if (size > 0) {
    const Normalizer& variant = *kVariants[data[0] & 31];
    Where() = "UTF-8, options variant " + std::to_string(data[0] & 31);
    variant.Normalize(utf8, nt8);
    CheckNormalized(variant, d8, u16.size(), size, true, *nt8);
  }
  return 0;
}
