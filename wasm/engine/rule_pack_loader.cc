// RulePack: reading the text packs of rules/ (native builds only: uses files).
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "rule_pack.h"

namespace chatlint {

namespace {

struct ParsedRule {
  Rule rule;
  uint32_t only = kAllPlatforms;  // from 'platforms:'
  uint32_t except = 0;            // from 'except:'
  std::string where;              // file:line of the [id] line
  std::string file;
  int message_lines[kPlatformCount] = {};  // line of each message.<platform> (0: none)
  int allow_lines[kPlatformCount] = {};    // first line of each allow.<platform> (0: none)
};

struct ParsedFile {
  std::vector<ParsedRule> rules;
  std::vector<std::pair<std::string, int>> includes;  // resolved path, line
};

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return std::string(s.substr(b, e - b));
}

// Splits a list value on '|' (and on spaces too when `spaces`).
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

std::string DirName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
}

Status ReadFile(const std::string& path, std::string* out) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return Status::Error(path + ": cannot open rule file");
  std::ostringstream ss;
  ss << f.rdbuf();
  *out = ss.str();
  return Status();
}

Status ParsePlatforms(const std::string& where, const Rule& r, const char* field,
                      const std::string& value, uint32_t* mask) {
  *mask = 0;
  for (const std::string& name : SplitList(value, true)) {
    if (name == "all") { *mask = kAllPlatforms; continue; }
    Platform p;
    if (!ParsePlatform(name, &p))
      return Status::Error(where + ": rule " + r.id + ": field '" + field + "': unknown platform '" +
                           name + "' (expected " + PlatformList() + " or all)");
    *mask |= 1u << static_cast<int>(p);
  }
  if (*mask == 0)
    return Status::Error(where + ": rule " + r.id + ": field '" + field + "': empty platform list");
  return Status();
}

Status ParseText(const std::string& path, const std::string& text, ParsedFile* out) {
  std::istringstream in(text);
  std::string raw;
  int lineno = 0;
  ParsedRule* cur = nullptr;
  std::set<std::string> seen_fields;
  auto where = [&](int l) { return path + ":" + std::to_string(l); };
  while (std::getline(in, raw)) {
    ++lineno;
    std::string line = Trim(raw);
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("include ", 0) == 0 || line == "include") {
      if (cur) return Status::Error(where(lineno) + ": 'include' must come before the first rule");
      std::string target = Trim(line.substr(7));
      if (target.empty()) return Status::Error(where(lineno) + ": 'include' needs a file name");
      out->includes.emplace_back(DirName(path) + target, lineno);
      continue;
    }
    if (line[0] == '[') {
      if (line.back() != ']') return Status::Error(where(lineno) + ": rule header must be [id]");
      out->rules.emplace_back();
      cur = &out->rules.back();
      cur->rule.id = Trim(line.substr(1, line.size() - 2));
      cur->rule.file = path;
      cur->rule.line = lineno;
      cur->where = where(lineno);
      cur->file = path;
      seen_fields.clear();
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string::npos)
      return Status::Error(where(lineno) + (cur ? ": rule " + cur->rule.id : std::string()) +
                           ": expected 'field: value', '[id]', 'include FILE' or a # comment");
    std::string key = Trim(line.substr(0, colon));
    std::string value = Trim(line.substr(colon + 1));
    if (!cur) return Status::Error(where(lineno) + ": field '" + key + "' outside a rule (start one with [id])");
    Rule& r = cur->rule;
    auto err = [&](const std::string& why) {
      return Status::Error(where(lineno) + ": rule " + r.id + ": field '" + key + "': " + why);
    };
    static const std::set<std::string> kSingle = {"category", "severity", "platforms", "except", "homophones",
                                                  "message", "suggestion", "replace", "source"};
    if ((kSingle.count(key) || key.rfind("message.", 0) == 0) && !seen_fields.insert(key).second)
      return err("given twice");
    if (key.rfind("message.", 0) == 0) {
      // message.<platform>: that platform's own wording of the message.
      Platform p;
      std::string name = key.substr(8);
      if (!ParsePlatform(name, &p)) return err("unknown platform '" + name + "' (expected " + PlatformList() + ")");
      if (value.empty()) return err("empty message");
      r.platform_message[static_cast<int>(p)] = value;
      cur->message_lines[static_cast<int>(p)] = lineno;
    } else if (key.rfind("allow.", 0) == 0) {
      // allow.<platform>: allowed contexts on that platform only (repeatable, like allow).
      Platform p;
      std::string name = key.substr(6);
      if (!ParsePlatform(name, &p)) return err("unknown platform '" + name + "' (expected " + PlatformList() + ")");
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
                 "trigger, detect, allow, allow.<platform>, message, message.<platform>, suggestion, replace, source, flag, clean)");
    }
  }
  for (const ParsedRule& pr : out->rules) {
    if (pr.rule.id.empty()) return Status::Error(pr.where + ": empty rule id");
  }
  return Status();
}

class SourceLoader {
 public:
  Status LoadFile(const std::string& path) {
    if (files_.count(path)) return Status();
    std::string text;
    Status s = ReadFile(path, &text);
    if (!s.ok()) return s;
    ParsedFile pf;
    s = ParseText(path, text, &pf);
    if (!s.ok()) return s;
    order_.push_back(path);
    auto includes = pf.includes;
    files_.emplace(path, std::move(pf));
    for (auto& [inc, line] : includes) {
      std::ifstream probe(inc);
      if (!probe) return Status::Error(path + ":" + std::to_string(line) + ": include '" + inc + "': file not found");
      s = LoadFile(inc);
      if (!s.ok()) return s;
    }
    return Status();
  }

  // Marks every file reachable from `root` as part of platform p.
  void Reach(const std::string& root, Platform p) {
    std::vector<std::string> stack{root};
    std::set<std::string> seen;
    while (!stack.empty()) {
      std::string f = stack.back();
      stack.pop_back();
      if (!seen.insert(f).second) continue;
      mask_[f] |= 1u << static_cast<int>(p);
      for (auto& inc : files_[f].includes) stack.push_back(inc.first);
    }
  }

  Status Collect(std::vector<Rule>* out) {
    std::map<std::string, std::string> ids;  // id -> where
    for (const std::string& f : order_) {
      for (ParsedRule& pr : files_[f].rules) {
        auto [it, fresh] = ids.emplace(pr.rule.id, pr.where);
        if (!fresh)
          return Status::Error(pr.where + ": rule " + pr.rule.id + ": field 'id': duplicate id (first defined at " +
                               it->second + ")");
        pr.rule.platforms = mask_[f] & pr.only & ~pr.except;
        // A platform's own message or allowed contexts on a platform the rule excludes would never apply.
        for (int p = 0; p < kPlatformCount; ++p) {
          for (auto [field, line] : {std::pair<const char*, int>{"message.", pr.message_lines[p]},
                                     std::pair<const char*, int>{"allow.", pr.allow_lines[p]}}) {
            if (line && !((pr.only & ~pr.except) & (1u << p)))
              return Status::Error(pr.file + ":" + std::to_string(line) + ": rule " + pr.rule.id + ": field '" +
                                   field + PlatformName(static_cast<Platform>(p)) + "': the rule does not apply on " +
                                   PlatformName(static_cast<Platform>(p)) + " (see its platforms/except)");
          }
        }
        Status s = ValidateRule(pr.rule, pr.where);
        if (!s.ok()) return s;
        out->push_back(std::move(pr.rule));
      }
    }
    return Status();
  }

 private:
  std::map<std::string, ParsedFile> files_;
  std::vector<std::string> order_;
  std::map<std::string, uint32_t> mask_;
};

}  // namespace

Status RulePack::LoadSources(const std::string& dir) {
  rules_.clear();
  SourceLoader loader;
  std::string base = dir.empty() || dir.back() == '/' ? dir : dir + "/";
  for (int i = 0; i < kPlatformCount; ++i) {
    Platform p = static_cast<Platform>(i);
    std::string root = base + PlatformName(p) + ".rules";
    Status s = loader.LoadFile(root);
    if (!s.ok()) return s;
    loader.Reach(root, p);
  }
  return loader.Collect(&rules_);
}

Status RulePack::LoadSourceFile(const std::string& path, Platform platform) {
  rules_.clear();
  SourceLoader loader;
  Status s = loader.LoadFile(path);
  if (!s.ok()) return s;
  loader.Reach(path, platform);
  return loader.Collect(&rules_);
}

}  // namespace chatlint
