#include "json.h"

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

namespace {

class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  bool Fail(const std::string& what) {
    if (error_.empty()) error_ = what + " at column " + std::to_string(pos_ + 1);
    return false;
  }
  const std::string& error() const { return error_; }

  void Ws() { while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\r' || s_[pos_] == '\n')) ++pos_; }
  bool AtEnd() { Ws(); return pos_ == s_.size(); }

  bool Hex4(uint32_t* v) {
    if (pos_ + 4 > s_.size()) return Fail("truncated \\u escape");
    *v = 0;
    for (int i = 0; i < 4; ++i) {
      char c = s_[pos_++];
      *v <<= 4;
      if (c >= '0' && c <= '9') *v |= c - '0';
      else if (c >= 'a' && c <= 'f') *v |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F') *v |= c - 'A' + 10;
      else return Fail("bad \\u escape");
    }
    return true;
  }

  bool String(std::string* out) {
    if (pos_ >= s_.size() || s_[pos_] != '"') return Fail("expected a string");
    ++pos_;
    while (pos_ < s_.size()) {
      char c = s_[pos_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return Fail("control character in string");
      if (c != '\\') { if (out) out->push_back(c); continue; }
      if (pos_ >= s_.size()) break;
      char e = s_[pos_++];
      char32_t cp;
      switch (e) {
        case '"': cp = '"'; break;
        case '\\': cp = '\\'; break;
        case '/': cp = '/'; break;
        case 'b': cp = '\b'; break;
        case 'f': cp = '\f'; break;
        case 'n': cp = '\n'; break;
        case 'r': cp = '\r'; break;
        case 't': cp = '\t'; break;
        case 'u': {
          uint32_t u;
          if (!Hex4(&u)) return false;
          cp = u;
          if (u >= 0xD800 && u <= 0xDBFF && pos_ + 6 <= s_.size() && s_[pos_] == '\\' && s_[pos_ + 1] == 'u') {
            size_t save = pos_;
            pos_ += 2;
            uint32_t lo;
            if (Hex4(&lo) && lo >= 0xDC00 && lo <= 0xDFFF) cp = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
            else { pos_ = save; error_.clear(); }
          }
          // A lone surrogate cannot be UTF-8: U+FFFD, still one UTF-16 unit wide.
          if (cp >= 0xD800 && cp <= 0xDFFF) cp = kReplacementChar;
          break;
        }
        default: return Fail(std::string("bad escape \\") + e);
      }
      if (out) AppendUtf8(cp, out);
    }
    return Fail("unterminated string");
  }

  bool Value(int depth) {
    if (depth > 64) return Fail("nesting too deep");
    Ws();
    if (pos_ >= s_.size()) return Fail("expected a value");
    char c = s_[pos_];
    if (c == '"') return String(nullptr);
    if (c == '{') return Object(depth, {}, nullptr, nullptr);
    if (c == '[') {
      ++pos_;
      Ws();
      if (pos_ < s_.size() && s_[pos_] == ']') { ++pos_; return true; }
      for (;;) {
        if (!Value(depth + 1)) return false;
        Ws();
        if (pos_ < s_.size() && s_[pos_] == ',') { ++pos_; continue; }
        if (pos_ < s_.size() && s_[pos_] == ']') { ++pos_; return true; }
        return Fail("expected ',' or ']'");
      }
    }
    for (std::string_view lit : {"true", "false", "null"})
      if (s_.substr(pos_, lit.size()) == lit) { pos_ += lit.size(); return true; }
    size_t start = pos_;
    while (pos_ < s_.size() && (std::string_view("+-0123456789.eE").find(s_[pos_]) != std::string_view::npos)) ++pos_;
    if (pos_ == start) return Fail("unexpected character");
    return true;
  }

  // Parses an object; when `key` is found at this level with a string value, stores it.
  bool Object(int depth, std::string_view key, std::string* value, bool* found) {
    Ws();
    if (pos_ >= s_.size() || s_[pos_] != '{') return Fail("expected a JSON object");
    ++pos_;
    Ws();
    if (pos_ < s_.size() && s_[pos_] == '}') { ++pos_; return true; }
    for (;;) {
      Ws();
      std::string name;
      if (!String(&name)) return false;
      Ws();
      if (pos_ >= s_.size() || s_[pos_] != ':') return Fail("expected ':'");
      ++pos_;
      Ws();
      if (found && name == key) {
        if (pos_ >= s_.size() || s_[pos_] != '"') return Fail(std::string("field \"") + std::string(key) + "\" is not a string");
        value->clear();
        if (!String(value)) return false;
        *found = true;
      } else if (!Value(depth + 1)) {
        return false;
      }
      Ws();
      if (pos_ < s_.size() && s_[pos_] == ',') { ++pos_; continue; }
      if (pos_ < s_.size() && s_[pos_] == '}') { ++pos_; return true; }
      return Fail("expected ',' or '}'");
    }
  }

 private:
  std::string_view s_;
  size_t pos_ = 0;
  std::string error_;
};

}  // namespace

bool ExtractJsonStringField(std::string_view record, std::string_view key, std::string* value,
                            std::string* error) {
  Parser p(record);
  bool found = false;
  if (!p.Object(0, key, value, &found)) { *error = p.error(); return false; }
  if (!p.AtEnd()) { p.Fail("trailing characters after the object"); *error = p.error(); return false; }
  if (!found) { *error = std::string("no \"") + std::string(key) + "\" field"; return false; }
  return true;
}

}  // namespace chatlint
