// RulePack: reading the text packs of rules/ from files, with their includes (native
// builds only: uses files). The syntax itself is parsed by rule_text.cc.
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "rule_pack.h"
#include "rule_text.h"

namespace chatlint {

namespace {

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

class SourceLoader {
 public:
  Status LoadFile(const std::string& path) {
    if (files_.count(path)) return Status();
    std::string text;
    Status s = ReadFile(path, &text);
    if (!s.ok()) return s;
    ParsedRuleText pf;
    s = ParseRuleText(path, text, RuleOrigin::kPack, &pf);
    if (!s.ok()) return s;
    for (auto& include : pf.includes) include.first = DirName(path) + include.first;  // relative to this file
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
        Status s = FinishRule(&pr, mask_[f], RuleOrigin::kPack, out);
        if (!s.ok()) return s;
      }
    }
    return Status();
  }

 private:
  std::map<std::string, ParsedRuleText> files_;
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
