// KeywordAutomaton: all occurrences, overlaps, repeated characters, astral words.
#include <catch2/catch.hpp>

#include <tuple>

#include "keyword_automaton.h"

using namespace chatlint;
using Match = std::tuple<size_t, size_t, uint32_t>;

namespace {
std::vector<Match> ScanAll(const KeywordAutomaton& ac, std::u32string_view text) {
  std::vector<Match> out;
  std::vector<uint32_t> scratch;
  ac.Scan(text, &scratch, [&](size_t b, size_t e, uint32_t v) { out.emplace_back(b, e, v); });
  std::sort(out.begin(), out.end());
  return out;
}
}  // namespace

TEST_CASE("reports every occurrence, overlapping ones included") {
  KeywordAutomaton ac;
  ac.Add(U"微信", 1);
  ac.Add(U"信", 2);
  ac.Add(U"加微信", 3);
  ac.Build();
  CHECK(ScanAll(ac, U"加微信") == std::vector<Match>{{0, 3, 3}, {1, 3, 1}, {2, 3, 2}});
  CHECK(ScanAll(ac, U"微信微信") == std::vector<Match>{{0, 2, 1}, {1, 2, 2}, {2, 4, 1}, {3, 4, 2}});
  CHECK(ScanAll(ac, U"没有").empty());
  CHECK(ac.word_count() == 3);
}

TEST_CASE("failure links find words that start inside a partial match") {
  KeywordAutomaton ac;
  ac.Add(U"abcd", 1);
  ac.Add(U"bce", 2);
  ac.Build();
  CHECK(ScanAll(ac, U"abce") == std::vector<Match>{{1, 4, 2}});
}

TEST_CASE("one word may carry several values") {
  KeywordAutomaton ac;
  ac.Add(U"qq", 1);
  ac.Add(U"qq", 2);
  ac.Build();
  CHECK(ScanAll(ac, U"qq") == std::vector<Match>{{0, 2, 1}, {0, 2, 2}});
}

TEST_CASE("repeated characters inside a match are tolerated and covered") {
  KeywordAutomaton ac;
  ac.Add(U"微信", 1);
  ac.Add(U"扣扣", 2);
  ac.Build();
  CHECK(ScanAll(ac, U"加微微微信") == std::vector<Match>{{1, 5, 1}});
  CHECK(ScanAll(ac, U"扣扣") == std::vector<Match>{{0, 2, 2}});
  CHECK(ScanAll(ac, U"扣").empty());
}

TEST_CASE("digits are never skipped as repeats") {
  KeywordAutomaton ac;
  ac.Add(U"138", 1);
  ac.Build();
  CHECK(ScanAll(ac, U"1338").empty());
  CHECK(ScanAll(ac, U"x138") == std::vector<Match>{{1, 4, 1}});
}

TEST_CASE("astral code points in words and text") {
  KeywordAutomaton ac;
  ac.Add(U"\U00020000a", 1);
  ac.Build();
  CHECK(ScanAll(ac, U"x\U00020000a") == std::vector<Match>{{1, 3, 1}});
}

TEST_CASE("an empty automaton matches nothing") {
  KeywordAutomaton ac;
  ac.Build();
  CHECK(ScanAll(ac, U"anything").empty());
}
