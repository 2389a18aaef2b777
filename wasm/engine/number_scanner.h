// NumberScanner: phone numbers in the digit runs of a normalized message.
//
// Normalization drops the separators agents put inside a number (138 1234 5678,
// 138-1234-5678, 一三八…), so in normalized text a phone number is a run of
// digits. But it also glues numbers that stand side by side into one run:
// "13812345678 13912345678" is 22 digits, and so is a phone next to an order
// number. A regular expression over the run cannot tell these apart; the
// separators can. Where a separator was dropped (NormalizedText::joined is 0),
// the run has a *boundary*, and a number begins and ends at boundaries (or at
// the run's ends). Runs end where NormalizedText::digit_break says: at clause
// punctuation, at masks (138****5678), and around a masked number's head and tail. Each run is scanned left to right:
// at each boundary, the first kind of number that fits from there to a later
// boundary is taken, and the scan goes on after it. So
//
//   13812345678 13912345678       two mobiles
//   138 1234 5678 139 1234 5678   two mobiles (boundaries inside each are fine)
//   231122-123456789012345        no mobile (no 11 digits from boundary to boundary)
//   订单231122123456789012 13812345678   the mobile, after the order number
//
// Digits glued to Latin letters before them (SF1234567890123, JDVA13812345678)
// are a tracking code, not a phone number, unless the letters end with a contact
// prefix (vx, wx, v, tel, qq, dh: "加vx13812345678").
//
// Kinds (the `detect:` field of a rule names them):
//   mobile     China mobile: 1[3-9] and 9 more digits; also after 86 / 0086
//   landline   0 + area code + number, 10-12 digits (010 12345678, 0755 87654321),
//              and 400 / 800 service numbers (10 digits)
//
// Scan() is linear in the message's length and allocates nothing once its
// scratch vectors have grown; it is const and keeps no state.
#ifndef CHATLINT_NUMBER_SCANNER_H_
#define CHATLINT_NUMBER_SCANNER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "normalizer.h"

namespace chatlint {

class NumberScanner {
 public:
  enum Kind : uint32_t { kMobile = 1u << 0, kLandline = 1u << 1 };

  // "mobile" -> kMobile ...; false for an unknown name.
  static bool ParseKind(std::string_view name, Kind* out);
  // "mobile, landline": for error messages.
  static std::string KindList();

  struct Match {
    uint32_t begin, end;  // normalized chars
    Kind kind;
  };

  // Appends every number of the requested kinds (a mask of Kind) to `out`, in
  // order; `boundaries` is scratch space (reuse it across calls).
  static void Scan(const NormalizedText& nt, uint32_t kinds, std::vector<uint32_t>* boundaries,
                   std::vector<Match>* out);
};

}  // namespace chatlint

#endif  // CHATLINT_NUMBER_SCANNER_H_
