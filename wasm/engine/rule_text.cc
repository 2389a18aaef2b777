#include "rule_text.h"

#include <set>
#include <unordered_set>

#include "rule_pack.h"

namespace chatlint {

namespace {

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return std::string(s.substr(b, e - b));
}

// Splits a list value on '|' (and on spaces and commas too when `spaces`).
std::vector<std::string> SplitList(const std::string& v, bool spaces) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] { out.push_back(Trim(cur)); cur.clear(); };
  for (char c : v) {
    if (c == '|' || (spaces && (c == ' ' || c == ',' || c == '\t'))) {
      if (!spaces || !Trim(cur).empty() || c == '|') flush();
    } else {
      cur.push_back(c);
    }
  }
  if (!Trim(cur).empty() || !spaces) flush();
  if (spaces) {
    std::vector<std::string> nonempty;
    for (auto& s : out) if (!s.empty()) nonempty.push_back(s);
    return nonempty;
  }
  return out;
}

// The value of a text field with its escapes read (see rule_text.h); false with `why`.
bool Unescape(const std::string& value, std::string* out, std::string* why) {
  out->clear();
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '\\') {
      out->push_back(value[i]);
      continue;
    }
    if (++i == value.size()) {
      *why = "a lone '\\' at the end (write \\\\ for a backslash)";
      return false;
    }
    switch (value[i]) {
      case 'n': out->push_back('\n'); break;
      case 'r': out->push_back('\r'); break;
      case 't': out->push_back('\t'); break;
      case 's': out->push_back(' '); break;
      case '\\': out->push_back('\\'); break;
      default:
        *why = std::string("unknown escape '\\") + value[i] + "' (expected \\n \\r \\t \\s or \\\\)";
        return false;
    }
  }
  return true;
}

Status ParsePlatforms(const std::string& where, const Rule& r, const char* field, const std::string& value,
                      uint32_t* mask) {
  *mask = 0;
  for (const std::string& name : SplitList(value, true)) {
    if (name == "all") { *mask = kAllPlatforms; continue; }
    Platform p;
    if (!ParsePlatform(name, &p))
      return Status::Error(where + ": rule " + r.id + ": field '" + field + "': unknown platform '" + name +
                           "' (expected " + PlatformList() + " or all)");
    *mask |= 1u << static_cast<int>(p);
  }
  if (*mask == 0) return Status::Error(where + ": rule " + r.id + ": field '" + field + "': empty platform list");
  return Status();
}

}  // namespace

std::string EscapeRuleText(std::string_view value) {
  std::string out;
  for (size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\\': out += "\\\\"; break;
      case ' ':
        // Only a space at either end would be lost to trimming.
        out += (i == 0 || i + 1 == value.size()) ? "\\s" : " ";
        break;
      default: out.push_back(c);
    }
  }
  return out;
}

Status ParseRuleText(const std::string& name, std::string_view text, RuleOrigin origin, ParsedRuleText* out) {
  ParsedRule* cur = nullptr;
  std::set<std::string> seen_fields;
  auto where = [&](int l) { return name + ":" + std::to_string(l); };
  int lineno = 0;
  for (size_t pos = 0; pos < text.size();) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    const std::string line = Trim(text.substr(pos, nl - pos));
    pos = nl + 1;
    ++lineno;
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("include ", 0) == 0 || line == "include") {
      if (origin == RuleOrigin::kCaller) return Status::Error(where(lineno) + ": 'include' is for rule packs, not a caller's rules");
      if (cur) return Status::Error(where(lineno) + ": 'include' must come before the first rule");
      std::string target = Trim(line.substr(7));
      if (target.empty()) return Status::Error(where(lineno) + ": 'include' needs a file name");
      out->includes.emplace_back(target, lineno);
      continue;
    }
    if (line[0] == '[') {
      if (line.back() != ']') return Status::Error(where(lineno) + ": rule header must be [id]");
      out->rules.emplace_back();
      cur = &out->rules.back();
      cur->rule.id = Trim(line.substr(1, line.size() - 2));
      cur->rule.file = name;
      cur->rule.line = lineno;
      if (origin == RuleOrigin::kCaller) cur->rule.source = "custom";
      cur->where = where(lineno);
      seen_fields.clear();
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string::npos)
      return Status::Error(where(lineno) + (cur ? ": rule " + cur->rule.id : std::string()) +
                           ": expected 'field: value', '[id]', 'include FILE' or a # comment");
    std::string key = Trim(line.substr(0, colon));
    std::string value = Trim(line.substr(colon + 1));
    if (!cur) {
      // A caller's words that are always fine, for every rule.
      if (origin == RuleOrigin::kCaller && key == "allow") {
        for (auto& w : SplitList(value, false)) {
          if (w.empty()) return Status::Error(where(lineno) + ": field 'allow': empty word (check the '|' separators)");
          out->allow_words.push_back(w);
        }
        continue;
      }
      return Status::Error(where(lineno) + ": field '" + key + "' outside a rule (start one with [id])");
    }
    Rule& r = cur->rule;
    auto err = [&](const std::string& why) {
      return Status::Error(where(lineno) + ": rule " + r.id + ": field '" + key + "': " + why);
    };
    static const std::set<std::string> kSingle = {"category", "severity", "platforms", "except", "homophones",
                                                  "message", "suggestion", "replace", "source"};
    if ((kSingle.count(key) || key.rfind("message.", 0) == 0) && !seen_fields.insert(key).second)
      return err("given twice");
    const bool text_field =
        key == "message" || key == "suggestion" || key == "replace" || key.rfind("message.", 0) == 0;
    if (text_field) {
      std::string plain, why;
      if (!Unescape(value, &plain, &why)) return err(why);
      value = std::move(plain);
    }
    if (key.rfind("message.", 0) == 0) {
      // message.<platform>: that platform's own wording of the message.
      Platform p;
      std::string platform = key.substr(8);
      if (!ParsePlatform(platform, &p)) return err("unknown platform '" + platform + "' (expected " + PlatformList() + ")");
      if (value.empty()) return err("empty message");
      r.platform_message[static_cast<int>(p)] = value;
      cur->message_lines[static_cast<int>(p)] = lineno;
    } else if (key.rfind("allow.", 0) == 0) {
      // allow.<platform>: allowed contexts on that platform only (repeatable, like allow).
      Platform p;
      std::string platform = key.substr(6);
      if (!ParsePlatform(platform, &p)) return err("unknown platform '" + platform + "' (expected " + PlatformList() + ")");
      for (auto& w : SplitList(value, false)) r.platform_allow[static_cast<int>(p)].push_back(w);
      if (!cur->allow_lines[static_cast<int>(p)]) cur->allow_lines[static_cast<int>(p)] = lineno;
    } else if (key == "category") {
      if (!ParseCategory(value, &r.category)) return err("unknown category '" + value + "' (expected one of " + CategoryList() + ")");
    } else if (key == "severity") {
      if (!ParseSeverity(value, &r.severity)) return err("unknown severity '" + value + "' (expected block, warn or info)");
    } else if (key == "platforms") {
      Status s = ParsePlatforms(where(lineno), r, "platforms", value, &cur->only);
      if (!s.ok()) return s;
    } else if (key == "except") {
      Status s = ParsePlatforms(where(lineno), r, "except", value, &cur->except);
      if (!s.ok()) return s;
    } else if (key == "words") {
      for (auto& w : SplitList(value, false)) r.words.push_back(w);
    } else if (key == "allow") {
      for (auto& w : SplitList(value, false)) r.allow.push_back(w);
    } else if (key == "homophones") {
      if (value == "yes" || value == "true") r.homophones = true;
      else if (value == "no" || value == "false") r.homophones = false;
      else return err("expected yes or no, got '" + value + "'");
    } else if (key == "pattern") {
      if (value.empty()) return err("empty pattern");
      r.patterns.push_back(value);
    } else if (key == "trigger") {
      r.triggers.push_back(value);
    } else if (key == "detect") {
      for (auto& d : SplitList(value, false)) r.detect.push_back(d);
    } else if (key == "message") {
      if (value.empty()) return err("empty message");
      r.message = value;
    } else if (key == "suggestion") {
      r.suggestion = value;
    } else if (key == "replace") {
      r.replace = value;
      r.has_replace = true;
    } else if (key == "source") {
      r.source = value;
    } else if (key == "flag") {
      if (value.empty()) return err("empty example");
      RuleExample e;
      std::string why;
      if (!ParseMarkedExample(value, &e, &why)) return err(why + " in '" + value + "'");
      e.line = lineno;
      r.flag.push_back(std::move(e));
    } else if (key == "clean") {
      if (value.empty()) return err("empty example");
      if (value.find("【") != std::string::npos || value.find("】") != std::string::npos)
        return err("【】 marks what a flag example must report; a clean example reports nothing ('" + value + "')");
      r.clean.push_back(RuleExample{value, lineno, {}});
    } else {
      return err("unknown field (expected category, severity, platforms, except, words, homophones, pattern, "
                 "trigger, detect, allow, allow.<platform>, message, message.<platform>, suggestion, replace, source, "
                 "flag, clean)");
    }
  }
  for (const ParsedRule& pr : out->rules)
    if (pr.rule.id.empty()) return Status::Error(pr.where + ": empty rule id");
  return Status();
}

Status FinishRule(ParsedRule* pr, uint32_t reached, RuleOrigin origin, std::vector<Rule>* out) {
  pr->rule.platforms = reached & pr->only & ~pr->except;
  // A platform's own message or allowed contexts on a platform the rule excludes would never apply.
  for (int p = 0; p < kPlatformCount; ++p) {
    for (auto [field, line] : {std::pair<const char*, int>{"message.", pr->message_lines[p]},
                               std::pair<const char*, int>{"allow.", pr->allow_lines[p]}}) {
      if (line && !((pr->only & ~pr->except) & (1u << p)))
        return Status::Error(pr->rule.file + ":" + std::to_string(line) + ": rule " + pr->rule.id + ": field '" +
                             field + PlatformName(static_cast<Platform>(p)) + "': the rule does not apply on " +
                             PlatformName(static_cast<Platform>(p)) + " (see its platforms/except)");
    }
  }
  Status s = ValidateRule(pr->rule, pr->where, origin);
  if (!s.ok()) return s;
  out->push_back(std::move(pr->rule));
  return Status();
}

Status ParseCallerRules(std::string_view text, const std::string& name, std::vector<Rule>* rules,
                        std::vector<std::string>* allow_words) {
  ParsedRuleText parsed;
  Status s = ParseRuleText(name, text, RuleOrigin::kCaller, &parsed);
  if (!s.ok()) return s;
  std::unordered_set<std::string> ids;
  for (ParsedRule& pr : parsed.rules) {
    if (!ids.insert(pr.rule.id).second)
      return Status::Error(pr.where + ": rule " + pr.rule.id + ": field 'id': duplicate id");
    s = FinishRule(&pr, kAllPlatforms, RuleOrigin::kCaller, rules);
    if (!s.ok()) return s;
  }
  allow_words->insert(allow_words->end(), parsed.allow_words.begin(), parsed.allow_words.end());
  return Status();
}

}  // namespace chatlint
