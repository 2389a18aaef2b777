#include "rule.h"

namespace chatlint {

namespace {
const char* const kCategoryNames[kCategoryCount] = {
    "absolute_claim", "offsite_platform", "offsite_trade", "contact_info",
    "review_incentive", "abuse", "platform_term", "service_promise",
};
const char* const kSeverityNames[3] = {"info", "warn", "block"};
const char* const kPlatformNames[kPlatformCount] = {"pdd", "taobao", "tmall", "jd", "generic"};

template <typename E, size_t N>
bool ParseName(std::string_view s, const char* const (&names)[N], E* out) {
  for (size_t i = 0; i < N; ++i)
    if (s == names[i]) { *out = static_cast<E>(i); return true; }
  return false;
}

template <size_t N>
std::string JoinNames(const char* const (&names)[N]) {
  std::string out;
  for (size_t i = 0; i < N; ++i) { if (i) out += ", "; out += names[i]; }
  return out;
}
}  // namespace

const char* CategoryName(Category c) { return kCategoryNames[static_cast<int>(c)]; }
const char* SeverityName(Severity s) { return kSeverityNames[static_cast<int>(s)]; }
const char* PlatformName(Platform p) { return kPlatformNames[static_cast<int>(p)]; }
bool ParseCategory(std::string_view s, Category* out) { return ParseName(s, kCategoryNames, out); }
bool ParseSeverity(std::string_view s, Severity* out) { return ParseName(s, kSeverityNames, out); }
bool ParsePlatform(std::string_view s, Platform* out) { return ParseName(s, kPlatformNames, out); }
std::string PlatformList() { return JoinNames(kPlatformNames); }
std::string CategoryList() { return JoinNames(kCategoryNames); }

}  // namespace chatlint
