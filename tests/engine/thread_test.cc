// One Checker per platform, shared by 8 threads: every labelled reply
// (tests/data/corpus*.tsv) and every rule's flag and clean examples, each thread
// with its own Checker::Scratch, must give exactly what a sequential run gives.
//
// The shared checkers are fresh when the threads start, so the threads race to
// compile the same RE2 patterns (Checker compiles each once, under its own
// once_flag) while others check, fix, and warm the patterns. In the normal ctest
// this compares results; scripts/test-tsan.sh builds it under ThreadSanitizer
// (build-tsan/), where any data race fails the run.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "checker.h"
#include "compiled_rules.h"
#include "embedded_rules.h"
#include "rule_pack.h"
#include "utf.h"

using namespace chatlint;

namespace {

constexpr int kThreads = 8;

struct Item {
  Platform platform;
  std::string text;
};

// Every labelled reply of tests/data/corpus*.tsv on its platform, then every rule's
// examples on each platform the rule applies to.
std::vector<Item> Texts(const RulePack& pack) {
  std::vector<Item> items;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(std::string(CHATLINT_SOURCE_DIR) + "/tests/data")) {
    const std::string name = e.path().filename().string();
    if (name.rfind("corpus", 0) == 0 && name.size() > 4 && name.compare(name.size() - 4, 4, ".tsv") == 0)
      files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(!files.empty());
  for (const auto& path : files) {
    std::ifstream f(path);
    REQUIRE(f.good());
    std::string line;
    while (std::getline(f, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::vector<std::string> cols;
      std::stringstream ss(line);
      std::string col;
      while (std::getline(ss, col, '\t')) cols.push_back(col);
      REQUIRE(cols.size() == 3);
      Item it;
      REQUIRE(ParsePlatform(cols[0], &it.platform));
      it.text = cols[2];
      items.push_back(std::move(it));
    }
  }
  for (const Rule& r : pack.rules())
    for (int p = 0; p < kPlatformCount; ++p) {
      if (!r.AppliesTo(static_cast<Platform>(p))) continue;
      for (const RuleExample& e : r.flag) items.push_back(Item{static_cast<Platform>(p), e.text});
      for (const RuleExample& e : r.clean) items.push_back(Item{static_cast<Platform>(p), e.text});
    }
  return items;
}

// Everything a finding says, as one comparable string.
std::string Describe(const std::vector<Finding>& findings) {
  std::string out;
  for (const Finding& f : findings)
    out += std::to_string(f.rule_index) + "@" + std::to_string(f.start) + "-" + std::to_string(f.end) + "/" +
           std::to_string(f.byte_start) + "-" + std::to_string(f.byte_end) + (f.fixable ? "!" : "") + "[" +
           std::string(f.suggestion()) + "] ";
  return out;
}

// What one text gives: findings of the UTF-8 and UTF-16 forms, and the fixed text.
struct Result {
  std::string utf8, utf16, fixed;
  bool operator==(const Result& o) const { return utf8 == o.utf8 && utf16 == o.utf16 && fixed == o.fixed; }
};

std::vector<std::unique_ptr<Checker>> Checkers(const RulePack& pack) {
  std::vector<std::unique_ptr<Checker>> out;
  for (int p = 0; p < kPlatformCount; ++p) {
    Checker::Options opt;
    opt.platform = static_cast<Platform>(p);
    out.push_back(std::make_unique<Checker>(pack, opt));
    REQUIRE(out.back()->ok());
  }
  return out;
}

}  // namespace

TEST_CASE("threads: one Checker shared by 8 threads, one Scratch each, gives the sequential results") {
  RulePack pack;
  REQUIRE(pack.Deserialize(EmbeddedRulePack()).ok());
  const std::vector<Item> items = Texts(pack);
  REQUIRE(items.size() > 1000);

  // Sequential, through the calls without a Scratch, on checkers of their own.
  std::vector<Result> expected(items.size());
  {
    std::vector<std::unique_ptr<Checker>> own = Checkers(pack);
    std::vector<Finding> findings;
    for (size_t i = 0; i < items.size(); ++i) {
      Checker& c = *own[static_cast<int>(items[i].platform)];
      REQUIRE(c.Check(items[i].text, &findings).ok());
      expected[i].utf8 = Describe(findings);
      REQUIRE(c.Check(Utf16FromUtf8(items[i].text), &findings).ok());
      expected[i].utf16 = Describe(findings);
      expected[i].fixed = c.Fix(items[i].text, nullptr);
    }
  }

  // Fresh checkers (no pattern compiled yet), shared read-only by every thread.
  const std::vector<std::unique_ptr<Checker>> shared = Checkers(pack);
  std::vector<std::vector<Result>> got(kThreads, std::vector<Result>(items.size()));
  std::atomic<int> ready{0};
  auto work = [&](int t) {
    Checker::Scratch scratch;  // this thread's; used with every platform's checker
    std::vector<Finding> findings;
    ready.fetch_add(1);
    while (ready.load() < kThreads) std::this_thread::yield();  // start together
    // Each thread starts at its own place, so the first uses of a pattern race.
    const size_t n = items.size(), from = n * t / kThreads;
    for (size_t k = 0; k < n; ++k) {
      const size_t i = (from + k) % n;
      const Checker& c = *shared[static_cast<int>(items[i].platform)];
      Result& r = got[t][i];
      if (!c.Check(items[i].text, &findings, &scratch).ok()) r.utf8 = "error";
      else r.utf8 = Describe(findings);
      if (!c.Check(Utf16FromUtf8(items[i].text), &findings, &scratch).ok()) r.utf16 = "error";
      else r.utf16 = Describe(findings);
      r.fixed = c.Fix(items[i].text, nullptr, nullptr, &scratch);
      if (t == 0 && k % 64 == 0) c.Warm(1);  // compiles patterns others may be about to need
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) threads.emplace_back(work, t);
  for (std::thread& th : threads) th.join();

  for (int t = 0; t < kThreads; ++t) {
    size_t differ = 0;
    for (size_t i = 0; i < items.size(); ++i) {
      if (got[t][i] == expected[i]) continue;
      if (++differ <= 5) {
        INFO("thread " << t << ", " << PlatformName(items[i].platform) << ": " << items[i].text);
        CHECK(got[t][i].utf8 == expected[i].utf8);
        CHECK(got[t][i].utf16 == expected[i].utf16);
        CHECK(got[t][i].fixed == expected[i].fixed);
      }
    }
    INFO("thread " << t << ": " << differ << " of " << items.size() << " texts differ from the sequential run");
    CHECK(differ == 0);
  }

  // Every pattern compiled once by now or by this call; none is left.
  for (const auto& c : shared) CHECK(c->Warm(SIZE_MAX) == 0);
}

TEST_CASE("threads: 8 threads build their own Checkers from one fresh CompiledRulesCache, and agree") {
  RulePack pack;
  REQUIRE(pack.Deserialize(EmbeddedRulePack()).ok());
  const std::vector<Item> items = Texts(pack);
  std::vector<std::string> expected(items.size());
  {
    std::vector<std::unique_ptr<Checker>> own = Checkers(pack);
    std::vector<Finding> findings;
    for (size_t i = 0; i < items.size(); ++i) {
      REQUIRE(own[static_cast<int>(items[i].platform)]->Check(items[i].text, &findings).ok());
      expected[i] = Describe(findings);
    }
  }
  // The threads race for the cache's first build of each platform and for the shared
  // sets' first pattern compiles; odd threads add a custom word and an allow word of
  // their own, which must not reach the others.
  CompiledRulesCache cache(pack);
  std::vector<size_t> differ(kThreads, 0);
  std::atomic<int> ready{0};
  auto work = [&](int t) {
    ready.fetch_add(1);
    while (ready.load() < kThreads) std::this_thread::yield();
    std::vector<std::unique_ptr<Checker>> checkers;
    for (int p = 0; p < kPlatformCount; ++p) {
      Checker::Options opt;
      opt.platform = static_cast<Platform>(p);
      opt.compiled = cache.Get(opt.platform);
      if (t % 2 == 1) {
        Rule custom;
        custom.id = "custom.t" + std::to_string(t);
        custom.words = {"蓝莓果酱"};
        custom.message = "x";
        opt.extra_rules.push_back(custom);
        opt.allow_words = {"冰岛火山"};
      }
      checkers.push_back(std::make_unique<Checker>(pack, opt));
      if (!checkers.back()->ok()) { differ[t] = items.size(); return; }
    }
    Checker::Scratch scratch;
    std::vector<Finding> findings;
    const size_t n = items.size(), from = n * t / kThreads;
    for (size_t k = 0; k < n; ++k) {
      const size_t i = (from + k) % n;
      const Checker& c = *checkers[static_cast<int>(items[i].platform)];
      if (!c.Check(items[i].text, &findings, &scratch).ok() || Describe(findings) != expected[i]) ++differ[t];
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) threads.emplace_back(work, t);
  for (std::thread& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) {
    INFO("thread " << t);
    CHECK(differ[t] == 0);
  }
}

TEST_CASE("threads: a Scratch moves, and the calls with and without one agree") {
  RulePack pack;
  REQUIRE(pack.Deserialize(EmbeddedRulePack()).ok());
  Checker::Options opt;
  opt.platform = Platform::kPdd;
  Checker checker(pack, opt);
  REQUIRE(checker.ok());
  const std::string text = "亲，加我微信，电话13812345678，全网最低价";
  std::vector<Finding> a, b;
  REQUIRE(checker.Check(text, &a).ok());
  Checker::Scratch first;
  Checker::Scratch scratch(std::move(first));
  const Checker& shared = checker;
  REQUIRE(shared.Check(text, &b, &scratch).ok());
  REQUIRE(!a.empty());
  CHECK(Describe(a) == Describe(b));
  CHECK(shared.Fix(text, nullptr, nullptr, &scratch) == checker.Fix(text, nullptr));
  const std::string id = checker.rule(a[0]).id;
  CHECK(shared.RuleSpans(text, id, &scratch) == checker.RuleSpans(text, id));
}
