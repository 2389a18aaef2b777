// The labelled corpus (tests/data/corpus.tsv and every tests/data/corpus-*.tsv, one file per
// topic): realistic replies written from the seeds' scenarios, each labelled with its
// platform and the categories it must be flagged with, or `clean`. Fails on any miss or false alarm, and prints recall,
// false-alarm rate and category accuracy.
//
// A reply counts as flagged when it has a finding of severity block or warn; its
// categories are those findings' categories. A miss: an expected category not
// found. A false alarm: a clean reply flagged, or a category found that the label
// does not list.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "checker.h"
#include "embedded_rules.h"
#include "test_util.h"

using namespace chatlint;

namespace {
struct Labelled {
  std::string file;
  int line;
  Platform platform;
  std::set<std::string> expected;  // empty: clean
  std::string text;
};

void ReadCorpusFile(const std::filesystem::path& path, std::vector<Labelled>* out_all) {
  std::ifstream f(path);
  REQUIRE(f.good());
  const std::string file = path.filename().string();
  std::vector<Labelled>& out = *out_all;
  std::string line;
  int n = 0;
  while (std::getline(f, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    INFO(file << ":" << n << ": " << line);
    chatlint_test::LabelledLine parsed;
    std::string why;
    if (!chatlint_test::ParseLabelledLine(line, &parsed, &why)) FAIL(file << ":" << n << ": " << why);
    Labelled l;
    l.file = file;
    l.line = n;
    l.platform = parsed.platform;
    l.expected = std::move(parsed.expected);
    l.text = std::move(parsed.text);
    out.push_back(std::move(l));
  }
}

// corpus.tsv, then corpus-*.tsv in name order.
std::vector<Labelled> ReadCorpus(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".tsv") == 0 &&
        (name == "corpus.tsv" || name.rfind("corpus-", 0) == 0))
      files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<Labelled> out;
  for (const auto& f : files) ReadCorpusFile(f, &out);
  return out;
}
}  // namespace

TEST_CASE("corpus: every labelled reply is flagged exactly as labelled") {
  const std::vector<Labelled> corpus = ReadCorpus(std::string(CHATLINT_SOURCE_DIR) + "/tests/data");
  RulePack pack;
  REQUIRE(pack.Deserialize(EmbeddedRulePack()).ok());
  auto checkers = chatlint_test::CheckersByPlatform(pack);
  for (const auto& [platform, checker] : checkers) REQUIRE(checker->ok());
  size_t flagged = 0, caught = 0, clean = 0, false_alarms = 0, exact = 0;
  std::map<std::string, std::pair<size_t, size_t>> per_category;  // expected, caught
  std::vector<Finding> findings;
  for (const Labelled& l : corpus) {
    Checker& checker = *checkers[l.platform];
    checker.Check(l.text, &findings);
    std::set<std::string> found;
    std::string detail;
    for (const Finding& f : findings) {
      const Rule& r = checker.rule(f);
      if (r.severity == Severity::kInfo) continue;
      found.insert(CategoryName(r.category));
      detail += " " + r.id + "「" + l.text.substr(f.byte_start, f.byte_end - f.byte_start) + "」";
    }
    INFO(l.file << ":" << l.line << " [" << PlatformName(l.platform) << "] " << l.text << "\n  findings:" << detail);
    if (l.expected.empty()) {
      ++clean;
      if (!found.empty()) ++false_alarms;
      CHECK(found.empty());
      continue;
    }
    ++flagged;
    bool all = true;
    for (const std::string& c : l.expected) {
      per_category[c].first++;
      if (found.count(c)) per_category[c].second++;
      else all = false;
      CHECK(found.count(c) == 1);
    }
    if (all) ++caught;
    for (const std::string& c : found) {
      INFO("category " << c << " found but not labelled");
      CHECK(l.expected.count(c) == 1);
    }
    if (found == l.expected) ++exact;
  }
  REQUIRE(flagged >= 150);
  REQUIRE(clean >= 150);
  std::printf("corpus: %zu replies (%zu flagged, %zu clean)\n", corpus.size(), flagged, clean);
  std::printf("corpus: recall %.1f%% (%zu/%zu flagged replies with every labelled category found)\n",
              100.0 * caught / flagged, caught, flagged);
  std::printf("corpus: false-alarm rate %.1f%% (%zu/%zu clean replies flagged)\n",
              100.0 * false_alarms / clean, false_alarms, clean);
  std::printf("corpus: category accuracy %.1f%% (%zu/%zu flagged replies with exactly the labelled categories)\n",
              100.0 * exact / flagged, exact, flagged);
  for (auto& [c, v] : per_category) std::printf("corpus:   %-17s %zu/%zu\n", c.c_str(), v.second, v.first);
}
