#include "rule.h"

namespace chatlint {

namespace {
const char* const kCategoryNames[kCategoryCount] = {
    "absolute_claim", "offsite_platform", "offsite_trade", "contact_info",
    "review_incentive", "abuse", "platform_term", "service_promise",
};
const char* const kSeverityNames[3] = {"info", "warn", "block"};
const char* const kPlatformNames[kPlatformCount] = {"pdd", "taobao", "tmall", "jd", "douyin", "kuaishou", "generic"};

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

namespace {
constexpr std::string_view kOpenMark = "【";
constexpr std::string_view kCloseMark = "】";
}  // namespace

bool ParseMarkedExample(std::string_view written, RuleExample* out, std::string* why) {
  out->text.clear();
  out->spans.clear();
  bool open = false;
  ExampleSpan span;
  for (size_t i = 0; i < written.size();) {
    if (written.substr(i, kOpenMark.size()) == kOpenMark) {
      if (open) { *why = "a 【 inside a marked span (marks do not nest)"; return false; }
      open = true;
      span.begin = static_cast<uint32_t>(out->text.size());
      i += kOpenMark.size();
    } else if (written.substr(i, kCloseMark.size()) == kCloseMark) {
      if (!open) { *why = "a 】 without its 【"; return false; }
      open = false;
      span.end = static_cast<uint32_t>(out->text.size());
      if (span.end == span.begin) { *why = "an empty marked span 【】"; return false; }
      out->spans.push_back(span);
      i += kCloseMark.size();
    } else {
      out->text.push_back(written[i++]);
    }
  }
  if (open) { *why = "a 【 without its 】"; return false; }
  if (out->text.empty()) { *why = "empty example"; return false; }
  return true;
}

std::string MarkSpans(std::string_view text, const std::vector<ExampleSpan>& spans) {
  std::string out;
  size_t pos = 0;
  for (const ExampleSpan& s : spans) {
    if (s.begin < pos || s.end > text.size() || s.begin > s.end) continue;  // not representable: skip
    out.append(text.substr(pos, s.begin - pos));
    out += kOpenMark;
    out.append(text.substr(s.begin, s.end - s.begin));
    out += kCloseMark;
    pos = s.end;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace chatlint
