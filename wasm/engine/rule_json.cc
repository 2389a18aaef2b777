#include "rule_json.h"

#include "rule.h"
#include "utf.h"

namespace chatlint {

void AppendJsonString(std::string_view s, std::string* out) {
  out->push_back('"');
  // Fast path: valid UTF-8 with nothing to escape (rule texts, most messages) is
  // appended in one piece.
  bool plain = true;
  for (size_t i = 0; i < s.size() && plain;) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      plain = c >= 0x20 && c != '"' && c != '\\';
      ++i;
      continue;
    }
    // Lead bytes whose validity depends on the next byte (E0, ED, F0, F4+) take the slow path.
    const size_t len = (c == 0xE0 || c == 0xED || c >= 0xF0) ? 0 : c >= 0xE1 ? 3 : c >= 0xC2 ? 2 : 0;
    if (len == 0 || i + len > s.size()) { plain = false; break; }
    for (size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) plain = false;
    // U+2028/2029 (E2 80 A8/A9) break JavaScript string literals: escape them.
    if (len == 3 && c == 0xE2 && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) & 0xFE) == 0xA8)
      plain = false;
    i += len;
  }
  if (plain) {
    out->append(s);
    out->push_back('"');
    return;
  }
  DecodeUtf8(s, [&](const DecodedChar& d) {
    char32_t c = d.cp;
    switch (c) {
      case '"': out->append("\\\""); return;
      case '\\': out->append("\\\\"); return;
      case '\n': out->append("\\n"); return;
      case '\r': out->append("\\r"); return;
      case '\t': out->append("\\t"); return;
      default: break;
    }
    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
      static const char* hex = "0123456789abcdef";
      out->append("\\u");
      for (int shift = 12; shift >= 0; shift -= 4) out->push_back(hex[(c >> shift) & 0xF]);
      return;
    }
    AppendUtf8(c, out);
  });
  out->push_back('"');
}

void AppendRuleJson(const Rule& r, Platform platform, std::string* o) {
  auto list = [&](const char* name, const auto& items, auto text_of) {
    *o += ",\"";
    *o += name;
    *o += "\":[";
    bool first = true;
    for (const auto& item : items) {
      if (!first) *o += ",";
      first = false;
      AppendJsonString(text_of(item), o);
    }
    *o += "]";
  };
  auto same = [](const std::string& s) -> const std::string& { return s; };
  *o += "{\"id\":";
  AppendJsonString(r.id, o);
  *o += ",\"category\":\"";
  *o += CategoryName(r.category);
  *o += "\",\"severity\":\"";
  *o += SeverityName(r.severity);
  *o += "\"";
  std::vector<std::string> platforms;
  for (int p = 0; p < kPlatformCount; ++p)
    if (r.AppliesTo(static_cast<Platform>(p))) platforms.push_back(PlatformName(static_cast<Platform>(p)));
  list("platforms", platforms, same);
  list("words", r.words, same);
  list("patterns", r.patterns, same);
  list("detect", r.detect, same);
  list("allow", r.AllowOn(platform), same);
  *o += ",\"homophones\":";
  *o += r.homophones ? "true" : "false";
  *o += ",\"message\":";
  AppendJsonString(r.MessageOn(platform), o);
  *o += ",\"suggestion\":";
  AppendJsonString(r.has_replace ? r.replace : r.suggestion, o);
  *o += ",\"fixable\":";
  *o += r.has_replace ? "true" : "false";
  *o += ",\"source\":";
  AppendJsonString(r.source, o);
  auto example = [](const RuleExample& e) -> const std::string& { return e.text; };
  list("flag", r.flag, example);
  list("clean", r.clean, example);
  *o += "}";
}

}  // namespace chatlint
