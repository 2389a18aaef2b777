// RulePack: validation and the compiled binary form (no file system use here,
// so this part also builds for WebAssembly).
#include "rule_pack.h"

#include <cstring>
#include <set>

#include "number_scanner.h"
#include "pattern_options.h"
#include "re2/re2.h"

namespace chatlint {

namespace {

constexpr char kMagic[4] = {'C', 'L', 'P', 'K'};
constexpr uint32_t kFormatVersion = 5;  // 2: rules have `detect`; 3: message.<platform>; 4: marked spans; 5: allow.<platform>

bool ValidId(std::string_view id) {
  if (id.empty() || id.size() > 80) return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
      return false;
  return true;
}

Status FieldError(const std::string& where, const Rule& r, std::string_view field, const std::string& why) {
  return Status::Error(where + ": rule " + r.id + ": field '" + std::string(field) + "': " + why);
}

}  // namespace

bool ParseDigitsTrigger(std::string_view t, int* n) {
  constexpr std::string_view kPrefix = "<digits:";
  if (t.size() <= kPrefix.size() + 1 || t.substr(0, kPrefix.size()) != kPrefix || t.back() != '>')
    return false;
  std::string_view num = t.substr(kPrefix.size(), t.size() - kPrefix.size() - 1);
  if (num.empty() || num.size() > 2) return false;
  int v = 0;
  for (char c : num) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  if (v < 1 || v > 64) return false;
  *n = v;
  return true;
}

Status ValidateRule(const Rule& r, const std::string& where, RuleOrigin origin) {
  if (!ValidId(r.id))
    return Status::Error(where + ": rule '" + r.id +
                         "': field 'id': must be 1-80 characters of a-z 0-9 . _ -");
  if (r.message.empty()) return FieldError(where, r, "message", "missing (say which platform rule it breaks)");
  if (r.source.empty() && origin == RuleOrigin::kPack) return FieldError(where, r, "source", "missing (name the seed the rule comes from)");
  if (r.words.empty() && r.patterns.empty() && r.detect.empty())
    return FieldError(where, r, "words", "a rule needs at least one word, pattern or detect");
  for (const std::string& d : r.detect) {
    NumberScanner::Kind kind;
    if (!NumberScanner::ParseKind(d, &kind))
      return FieldError(where, r, "detect", "unknown detector '" + d + "' (expected one of " + NumberScanner::KindList() + ")");
  }
  for (const std::string& w : r.words)
    if (w.empty()) return FieldError(where, r, "words", "empty word (check the '|' separators)");
  for (const std::string& a : r.allow)
    if (a.empty()) return FieldError(where, r, "allow", "empty allowed context");
  for (int p = 0; p < kPlatformCount; ++p)
    for (const std::string& a : r.platform_allow[p])
      if (a.empty())
        return FieldError(where, r, std::string("allow.") + PlatformName(static_cast<Platform>(p)), "empty allowed context");
  if (r.platforms == 0)
    return FieldError(where, r, "platforms", "the rule applies on no platform (check platforms/except and includes)");
  for (const std::string& p : r.patterns) {
    RE2 re(p, PatternOptions());
    if (!re.ok()) return FieldError(where, r, "pattern", "bad regex '" + p + "': " + re.error());
  }
  if (!r.patterns.empty() && r.triggers.empty())
    return FieldError(where, r, "trigger", "a rule with patterns needs a trigger (a literal or <digits:N>)");
  for (const std::string& t : r.triggers) {
    int n;
    if (t.empty()) return FieldError(where, r, "trigger", "empty trigger");
    if (t[0] == '<' && !ParseDigitsTrigger(t, &n))
      return FieldError(where, r, "trigger", "bad trigger '" + t + "' (expected a literal or <digits:N>, N 1-64)");
  }
  if (r.flag.empty() && origin == RuleOrigin::kPack) return FieldError(where, r, "flag", "a rule needs at least one flagged example");
  return Status();
}

// ---- compiled form ----

namespace {

class Writer {
 public:
  explicit Writer(std::string* out) : out_(out) {}
  void U8(uint8_t v) { out_->push_back(static_cast<char>(v)); }
  void U32(uint32_t v) {
    for (int i = 0; i < 4; ++i) out_->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  }
  void Str(const std::string& s) { U32(static_cast<uint32_t>(s.size())); out_->append(s); }
  void Strs(const std::vector<std::string>& v) { U32(static_cast<uint32_t>(v.size())); for (auto& s : v) Str(s); }
  void Examples(const std::vector<RuleExample>& v) {
    U32(static_cast<uint32_t>(v.size()));
    for (auto& e : v) {
      Str(e.text);
      U32(static_cast<uint32_t>(e.line));
      U32(static_cast<uint32_t>(e.spans.size()));
      for (const ExampleSpan& s : e.spans) { U32(s.begin); U32(s.end); }
    }
  }
 private:
  std::string* out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool bad_spans() const { return bad_spans_; }
  size_t pos() const { return pos_; }
  uint8_t U8() {
    if (pos_ + 1 > in_.size()) { ok_ = false; return 0; }
    return static_cast<uint8_t>(in_[pos_++]);
  }
  uint32_t U32() {
    if (pos_ + 4 > in_.size()) { ok_ = false; return 0; }
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= static_cast<uint32_t>(static_cast<uint8_t>(in_[pos_ + i])) << (8 * i);
    pos_ += 4;
    return v;
  }
  std::string Str() {
    uint32_t n = U32();
    if (!ok_ || n > in_.size() - pos_) { ok_ = false; return {}; }
    std::string s(in_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  std::vector<std::string> Strs() {
    uint32_t n = U32();
    std::vector<std::string> v;
    if (!ok_ || n > in_.size() - pos_) { ok_ = false; return v; }
    for (uint32_t i = 0; i < n && ok_; ++i) v.push_back(Str());
    return v;
  }
  std::vector<RuleExample> Examples() {
    uint32_t n = U32();
    std::vector<RuleExample> v;
    if (!ok_ || n > in_.size() - pos_) { ok_ = false; return v; }
    for (uint32_t i = 0; i < n && ok_; ++i) {
      RuleExample e;
      e.text = Str();
      e.line = static_cast<int>(U32());
      uint32_t spans = U32();
      if (!ok_ || spans > in_.size() - pos_) { ok_ = false; return v; }
      uint32_t last_end = 0;
      for (uint32_t k = 0; k < spans && ok_; ++k) {
        ExampleSpan s{U32(), U32()};
        // In order, not overlapping, not empty, inside the text: as the loader makes them.
        if (s.begin < last_end || s.end <= s.begin || s.end > e.text.size()) bad_spans_ = true;
        last_end = s.end;
        e.spans.push_back(s);
      }
      v.push_back(std::move(e));
    }
    return v;
  }
 private:
  std::string_view in_;
  size_t pos_ = 0;
  bool ok_ = true;
  bool bad_spans_ = false;
};

}  // namespace

void RulePack::Serialize(std::string* out) const {
  out->clear();
  out->append(kMagic, 4);
  Writer w(out);
  w.U32(kFormatVersion);
  w.U32(static_cast<uint32_t>(rules_.size()));
  for (const Rule& r : rules_) {
    w.Str(r.id);
    w.U8(static_cast<uint8_t>(r.category));
    w.U8(static_cast<uint8_t>(r.severity));
    w.U32(r.platforms);
    w.U8(r.homophones ? 1 : 0);
    w.U8(r.has_replace ? 1 : 0);
    w.Strs(r.words);
    w.Strs(r.patterns);
    w.Strs(r.triggers);
    w.Strs(r.detect);
    w.Strs(r.allow);
    uint8_t own_allow = 0;
    for (int p = 0; p < kPlatformCount; ++p) own_allow += !r.platform_allow[p].empty();
    w.U8(own_allow);
    for (int p = 0; p < kPlatformCount; ++p)
      if (!r.platform_allow[p].empty()) { w.U8(static_cast<uint8_t>(p)); w.Strs(r.platform_allow[p]); }
    w.Str(r.message);
    uint8_t own = 0;
    for (int p = 0; p < kPlatformCount; ++p) own += !r.platform_message[p].empty();
    w.U8(own);
    for (int p = 0; p < kPlatformCount; ++p)
      if (!r.platform_message[p].empty()) { w.U8(static_cast<uint8_t>(p)); w.Str(r.platform_message[p]); }
    w.Str(r.suggestion);
    w.Str(r.replace);
    w.Str(r.source);
    w.Examples(r.flag);
    w.Examples(r.clean);
    w.Str(r.file);
    w.U32(static_cast<uint32_t>(r.line));
  }
}

Status RulePack::Deserialize(std::string_view data) {
  rules_.clear();
  if (data.size() < 12 || std::memcmp(data.data(), kMagic, 4) != 0)
    return Status::Error("not a compiled chatlint rule pack (expected the CLPK header written by chatlint-rulec)");
  Reader rd(data.substr(4));
  uint32_t version = rd.U32();
  if (version != kFormatVersion)
    return Status::Error("compiled rule pack has format version " + std::to_string(version) +
                         ", this engine reads version " + std::to_string(kFormatVersion) + ": recompile it");
  uint32_t count = rd.U32();
  if (count <= data.size() / 16) rules_.reserve(count);  // a rule takes more than 16 bytes
  std::set<std::string> ids;
  for (uint32_t i = 0; i < count && rd.ok(); ++i) {
    Rule r;
    r.id = rd.Str();
    uint8_t cat = rd.U8(), sev = rd.U8();
    r.platforms = rd.U32();
    r.homophones = rd.U8() != 0;
    r.has_replace = rd.U8() != 0;
    r.words = rd.Strs();
    r.patterns = rd.Strs();
    r.triggers = rd.Strs();
    r.detect = rd.Strs();
    r.allow = rd.Strs();
    bool bad_platform_message = false;
    for (uint8_t own = rd.U8(); own > 0 && rd.ok(); --own) {
      uint8_t p = rd.U8();
      std::vector<std::string> words = rd.Strs();
      if (p >= kPlatformCount || words.empty() || !r.platform_allow[p].empty()) bad_platform_message = true;
      else r.platform_allow[p] = std::move(words);
    }
    r.message = rd.Str();
    for (uint8_t own = rd.U8(); own > 0 && rd.ok(); --own) {
      uint8_t p = rd.U8();
      std::string text = rd.Str();
      if (p >= kPlatformCount || text.empty() || !r.platform_message[p].empty()) bad_platform_message = true;
      else r.platform_message[p] = std::move(text);
    }
    r.suggestion = rd.Str();
    r.replace = rd.Str();
    r.source = rd.Str();
    r.flag = rd.Examples();
    r.clean = rd.Examples();
    r.file = rd.Str();
    r.line = static_cast<int>(rd.U32());
    if (!rd.ok()) break;
    if (cat >= kCategoryCount || sev > 2 || (r.platforms & ~kAllPlatforms) || bad_platform_message ||
        rd.bad_spans())
      return Status::Error("compiled rule pack is corrupt: rule " + std::to_string(i) + " (" + r.id +
                           ") has an invalid category, severity, platform set, platform message or allow list, or example span");
    r.category = static_cast<Category>(cat);
    r.severity = static_cast<Severity>(sev);
    rules_.push_back(std::move(r));
    if (!ids.insert(rules_.back().id).second)
      return Status::Error("compiled rule pack is corrupt: duplicate rule id " + rules_.back().id);
  }
  if (!rd.ok())
    return Status::Error("compiled rule pack is truncated near byte " + std::to_string(rd.pos() + 4));
  return Status();
}

const Rule* RulePack::Find(std::string_view id) const {
  for (const Rule& r : rules_)
    if (r.id == id) return &r;
  return nullptr;
}

}  // namespace chatlint
