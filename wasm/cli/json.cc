#include "json.h"

#include "utf.h"

namespace chatlint {

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
