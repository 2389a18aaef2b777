// Helpers shared by the engine tests: packs written from strings, UTF-16 conversion.
#ifndef CHATLINT_TESTS_TEST_UTIL_H_
#define CHATLINT_TESTS_TEST_UTIL_H_

#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>
#include <unistd.h>

#include "checker.h"
#include "rule_pack.h"
#include "utf.h"

namespace chatlint_test {

// A fresh temporary directory, removed with its files at scope exit.
class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/chatlint-test-XXXXXX";
    path_ = mkdtemp(tmpl);
  }
  ~TempDir() { std::system(("rm -rf '" + path_ + "'").c_str()); }
  const std::string& path() const { return path_; }
  std::string Write(const std::string& name, const std::string& text) const {
    std::string p = path_ + "/" + name;
    std::system(("mkdir -p \"$(dirname '" + p + "')\"").c_str());
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
 private:
  std::string path_;
};

// One line of a labelled reply file (tests/data/corpus*.tsv, holdout.tsv):
// `platform<TAB>clean|category,category<TAB>text`. Returns false with the reason in *why
// when the line is malformed; comments and blank lines are for the caller to skip.
struct LabelledLine {
  chatlint::Platform platform = chatlint::Platform::kGeneric;
  std::set<std::string> expected;  // empty: clean
  std::string text;
};
inline bool ParseLabelledLine(const std::string& line, LabelledLine* out, std::string* why) {
  std::vector<std::string> cols;
  std::stringstream ss(line);
  for (std::string col; std::getline(ss, col, '\t');) cols.push_back(col);
  if (cols.size() != 3) return *why = "expected 3 tab-separated columns, got " + std::to_string(cols.size()), false;
  if (!chatlint::ParsePlatform(cols[0], &out->platform)) return *why = "unknown platform '" + cols[0] + "'", false;
  out->expected.clear();
  if (cols[1] != "clean") {
    std::stringstream cs(cols[1]);
    for (std::string c; std::getline(cs, c, ',');) {
      chatlint::Category cat;
      if (!chatlint::ParseCategory(c, &cat)) return *why = "unknown category '" + c + "'", false;
      out->expected.insert(c);
    }
    if (out->expected.empty()) return *why = "no category", false;
  }
  out->text = cols[2];
  return true;
}

// One checker per platform over `pack` (the labelled-reply tests check each reply on its own
// platform). A checker that fails to build is returned as is: the caller REQUIREs ok().
inline std::map<chatlint::Platform, std::unique_ptr<chatlint::Checker>> CheckersByPlatform(
    const chatlint::RulePack& pack) {
  std::map<chatlint::Platform, std::unique_ptr<chatlint::Checker>> checkers;
  for (int p = 0; p < chatlint::kPlatformCount; ++p) {
    chatlint::Checker::Options opt;
    opt.platform = static_cast<chatlint::Platform>(p);
    checkers[opt.platform] = std::make_unique<chatlint::Checker>(pack, opt);
  }
  return checkers;
}

// Loads a one-file pack for `platform` from text; REQUIREs success.
inline chatlint::Status LoadPackText(const std::string& text, chatlint::RulePack* pack,
                                     chatlint::Platform platform = chatlint::Platform::kPdd) {
  TempDir dir;
  return pack->LoadSourceFile(dir.Write("test.rules", text), platform);
}

inline std::u16string U16(const std::string& utf8) { return chatlint::Utf16FromUtf8(utf8); }

inline std::string U8(const std::u16string& s) {
  std::string out;
  chatlint::DecodeUtf16(s, [&](const chatlint::DecodedChar& d) { chatlint::AppendUtf8(d.cp, &out); });
  return out;
}

}  // namespace chatlint_test

#endif  // CHATLINT_TESTS_TEST_UTIL_H_
