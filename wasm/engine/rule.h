// Rule: one entry of a rule pack (see rules/README.md for the text format).
//
// Categories, severities and platforms are the exact strings of DESIGN.md; the
// API, the command line and the rule packs all use them.
#ifndef CHATLINT_RULE_H_
#define CHATLINT_RULE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chatlint {

enum class Category : uint8_t {
  kAbsoluteClaim, kOffsitePlatform, kOffsiteTrade, kContactInfo,
  kReviewIncentive, kAbuse, kPlatformTerm, kServicePromise,
};
constexpr int kCategoryCount = 8;

enum class Severity : uint8_t { kInfo = 0, kWarn = 1, kBlock = 2 };

// The one list of platforms (names in rule.cc); the JS package, the extension and
// the demo list the same names (js/test/platforms.test.mjs checks that they agree).
enum class Platform : uint8_t { kPdd, kTaobao, kTmall, kJd, kDouyin, kKuaishou, kGeneric };
constexpr int kPlatformCount = 7;
constexpr uint32_t kAllPlatforms = (1u << kPlatformCount) - 1;

const char* CategoryName(Category c);
const char* SeverityName(Severity s);
const char* PlatformName(Platform p);
bool ParseCategory(std::string_view s, Category* out);
bool ParseSeverity(std::string_view s, Severity* out);
bool ParsePlatform(std::string_view s, Platform* out);
// "pdd, taobao, tmall, jd, douyin, kuaishou, generic": for error messages.
std::string PlatformList();
std::string CategoryList();

// A span of an example's text, in bytes.
struct ExampleSpan {
  uint32_t begin = 0, end = 0;
  bool operator==(const ExampleSpan& o) const { return begin == o.begin && end == o.end; }
  bool operator<(const ExampleSpan& o) const { return begin != o.begin ? begin < o.begin : end < o.end; }
};

// One example carried by a rule, with where it was written (for build errors).
struct RuleExample {
  std::string text;  // without the 【】 marks
  int line = 0;
  // A flag example written with 【】 marks: the exact spans the rule must report
  // (in order, not overlapping). Empty: unmarked, the rule need only fire.
  std::vector<ExampleSpan> spans;
};

// Splits `written` ("亲,加我【微信】聊") into the text and its marked spans. False
// with `why` set when the marks are unbalanced, nested or empty.
bool ParseMarkedExample(std::string_view written, RuleExample* out, std::string* why);
// The text with each span in 【】 (how an example is written; also for messages).
std::string MarkSpans(std::string_view text, const std::vector<ExampleSpan>& spans);

struct Rule {
  std::string id;
  Category category = Category::kAbsoluteClaim;
  Severity severity = Severity::kBlock;
  uint32_t platforms = 0;  // bit (1 << Platform) for every platform the rule applies on
  std::vector<std::string> words;     // literal words (plain form; normalized when compiled)
  bool homophones = false;            // words also match same-sound Han / pinyin
  std::vector<std::string> patterns;  // RE2 over normalized text (UTF-8)
  std::vector<std::string> triggers;  // literals or <digits:N>; patterns run only after one
  std::vector<std::string> detect;    // built-in number scanners: mobile, landline (NumberScanner)
  std::vector<std::string> allow;     // allowed contexts: a match they cover is dropped
  // allow.<platform>: contexts allowed on that platform only (its own payment channel, jargon).
  std::vector<std::string> platform_allow[kPlatformCount];
  std::string message;  // the general text, shown where no platform has its own
  // message.<platform>: that platform's own wording (its rule, its penalty); empty: use `message`.
  std::string platform_message[kPlatformCount];
  std::string suggestion;
  std::string replace;  // what fix() writes instead of the match; may use {masked}
  bool has_replace = false;
  std::string source;   // seed file the rule comes from
  std::vector<RuleExample> flag;
  std::vector<RuleExample> clean;
  // Where the rule was defined (diagnostics only; kept in the compiled form too).
  std::string file;
  int line = 0;

  bool AppliesTo(Platform p) const { return platforms & (1u << static_cast<int>(p)); }
  // The allowed contexts on platform p: `allow` and that platform's own.
  std::vector<std::string> AllowOn(Platform p) const {
    std::vector<std::string> all = allow;
    const std::vector<std::string>& own = platform_allow[static_cast<int>(p)];
    all.insert(all.end(), own.begin(), own.end());
    return all;
  }
  // The message shown on platform p.
  const std::string& MessageOn(Platform p) const {
    const std::string& own = platform_message[static_cast<int>(p)];
    return own.empty() ? message : own;
  }
};

}  // namespace chatlint

#endif  // CHATLINT_RULE_H_
