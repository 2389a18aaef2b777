// chatlint-bench-throughput: the engine's single-thread throughput, natively.
//
//   build/chatlint-bench-throughput [--rounds N] [--seeds DIR] [--real DIR] [--only WORD]
//
// Checker::Check over every message of a corpus in one timed loop (the corpus repeated
// so a run lasts >= ~40 ms), one checker, one thread; the median of the rounds (default
// 11), as µs per message and MB/s (UTF-8 bytes of the messages), with the fastest and
// slowest round. Each corpus through both entry points: UTF-8 (what the command line
// uses) and UTF-16 (what the npm package's binding uses; the text converted beforehand,
// outside the timed loop).
//
// --only WORD runs just the corpora whose name contains WORD (seed, JD, Taobao, labelled), and
// no floor: to profile one corpus (perf record build/chatlint-bench-throughput --only JD).
//
// Corpora, the same as tests/bench/bench.mjs builds them:
//   seed sentences  DIR/*.txt of --seeds (default ../shared/seeds beside the checkout) cut at
//                   clause punctuation (，。！？；：、 , ! ? ; and line ends), trimmed,
//                   8–60 code points, deduplicated (first occurrence kept); on pdd
//   JD replies      replies_jddc2018_{chat,trainanswers}.txt of --real (default
//                   ../shared/data/real_replies), '#' lines skipped; on jd
//   Taobao replies  replies_ecd_taobao_candidates.joined.txt; on taobao
//   labelled corpus tests/data/corpus*.tsv, every row, on pdd (for reference)
// The seeds and real replies are read at run time only (they are not the project's); a
// missing folder is said and its corpus skipped.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

#include "bench_util.h"
#include "checker.h"
#include "rule.h"
#include "utf.h"

using namespace chatlint;
using namespace chatlint_bench;
namespace fs = std::filesystem;

namespace {

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at < text.size()) {
    size_t nl = text.find('\n', at);
    if (nl == std::string::npos) nl = text.size();
    out.push_back(text.substr(at, nl - at));
    at = nl + 1;
  }
  return out;
}

// JavaScript's \s plus U+FEFF (bench.mjs trims the same set).
bool IsSpace(char32_t c) {
  return c == 0x20 || (c >= 0x09 && c <= 0x0D) || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

bool IsCut(char32_t c) {
  static const std::u32string cuts = U"，。！？；：、,!?;\n\r";
  return cuts.find(c) != std::u32string::npos;
}

std::vector<std::string> SeedSentences(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (const auto& f : files) {
    std::u32string text = Utf32FromUtf8(ReadFile(f));
    size_t at = 0;
    while (at <= text.size()) {
      size_t end = at;
      while (end < text.size() && !IsCut(text[end])) ++end;
      size_t b = at, e = end;
      while (b < e && IsSpace(text[b])) ++b;
      while (e > b && IsSpace(text[e - 1])) --e;
      if (e - b >= 8 && e - b <= 60) {
        std::string s = Utf8FromUtf32(std::u32string_view(text).substr(b, e - b));
        if (seen.insert(s).second) out.push_back(std::move(s));
      }
      at = end + 1;
    }
  }
  return out;
}

std::vector<std::string> ReplyLines(const fs::path& p) {
  std::vector<std::string> out;
  for (auto& l : Lines(ReadFile(p)))
    if (!l.empty() && l[0] != '#') out.push_back(std::move(l));
  return out;
}

struct Corpus {
  std::string name;
  Platform platform;
  std::vector<std::string> messages;
};

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

using Clock = std::chrono::steady_clock;

template <typename Text>
double Run(Checker& checker, const std::vector<Text>& messages, int reps, size_t* sink) {
  std::vector<Finding> findings;
  auto t0 = Clock::now();
  for (int r = 0; r < reps; ++r)
    for (const auto& m : messages) {
      checker.Check(m, &findings);
      *sink += findings.size();
    }
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = 11;
  fs::path seeds = fs::path(CHATLINT_SOURCE_DIR) / "../shared/seeds";
  fs::path real = fs::path(CHATLINT_SOURCE_DIR) / "../shared/data/real_replies";
  std::string only;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--rounds" && i + 1 < argc) rounds = std::max(7, std::atoi(argv[++i]));
    else if (a == "--seeds" && i + 1 < argc) seeds = argv[++i];
    else if (a == "--real" && i + 1 < argc) real = argv[++i];
    else if (a == "--only" && i + 1 < argc) only = argv[++i];
    else {
      std::fprintf(stderr, "usage: %s [--rounds N] [--seeds DIR] [--real DIR] [--only WORD]\n", argv[0]);
      return 2;
    }
  }

  std::vector<Corpus> corpora;
  if (fs::is_directory(seeds)) {
    corpora.push_back({"seed sentences", Platform::kPdd, SeedSentences(seeds)});
  } else {
    std::printf("seed sentences: %s is not here; that corpus is skipped\n", seeds.c_str());
  }
  if (fs::is_directory(real)) {
    Corpus jd{"JD real replies", Platform::kJd, {}};
    for (const char* f : {"replies_jddc2018_chat.txt", "replies_jddc2018_trainanswers.txt"})
      if (fs::exists(real / f))
        for (auto& l : ReplyLines(real / f)) jd.messages.push_back(std::move(l));
    if (!jd.messages.empty()) corpora.push_back(std::move(jd));
    fs::path tb = real / "replies_ecd_taobao_candidates.joined.txt";
    if (fs::exists(tb)) corpora.push_back({"Taobao real replies", Platform::kTaobao, ReplyLines(tb)});
  } else {
    std::printf("real replies: %s is not here; those corpora are skipped\n", real.c_str());
  }
  {
    Corpus lab{"labelled corpus (reference)", Platform::kPdd, {}};
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(fs::path(CHATLINT_SOURCE_DIR) / "tests/data")) {
      std::string n = e.path().filename().string();
      if (n.rfind("corpus", 0) == 0 && e.path().extension() == ".tsv") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files)
      for (auto& r : ReadCorpusReplies(f.string())) lab.messages.push_back(std::move(r));
    corpora.push_back(std::move(lab));
  }

  std::printf("chatlint-bench-throughput: Checker::Check, one thread; median of %d rounds "
              "(MB/s of UTF-8 bytes; min-max over the rounds)\n\n", rounds);
  size_t sink = 0;
  for (const auto& c : corpora) {
    if (c.messages.empty() || c.name.find(only) == std::string::npos) continue;
    auto checker = MakeChecker(c.platform);
    size_t bytes = 0;
    std::vector<std::u16string> u16;
    for (const auto& m : c.messages) {
      bytes += m.size();
      u16.push_back(Utf16FromUtf8(m));
    }
    size_t flagged = 0;
    std::vector<Finding> findings;
    for (const auto& m : c.messages) {
      checker->Check(m, &findings);
      flagged += !findings.empty();
    }
    std::printf("%s on %s: %zu messages, avg %.1f UTF-8 bytes; findings in %zu (%.1f%%)\n", c.name.c_str(),
                PlatformName(c.platform), c.messages.size(), double(bytes) / c.messages.size(), flagged,
                100.0 * flagged / c.messages.size());
    // Warm-up (lazily compiled patterns, scratch buffers), then reps for >= 40 ms a run.
    for (int w = 0; w < 3; ++w) { Run(*checker, c.messages, 1, &sink); Run(*checker, u16, 1, &sink); }
    double one = 1e9;  // the fastest of three passes: load on the machine only adds time
    for (int k = 0; k < 3; ++k) one = std::min(one, std::max(Run(*checker, c.messages, 1, &sink), Run(*checker, u16, 1, &sink)));
    int reps = std::max(1, static_cast<int>(0.040 / std::max(one, 1e-9)) + 1);
    std::vector<double> t8, t16;
    for (int r = 0; r < rounds; ++r) {  // the two entry points interleaved, order alternating
      if (r % 2 == 0) { t8.push_back(Run(*checker, c.messages, reps, &sink)); t16.push_back(Run(*checker, u16, reps, &sink)); }
      else { t16.push_back(Run(*checker, u16, reps, &sink)); t8.push_back(Run(*checker, c.messages, reps, &sink)); }
    }
    double n = double(c.messages.size()) * reps;
    auto row = [&](const char* what, const std::vector<double>& t) {
      double med = Median(t);
      double lo = *std::min_element(t.begin(), t.end()), hi = *std::max_element(t.begin(), t.end());
      std::printf("  %-22s %8.3f µs/msg %8.1f MB/s %10.0f msgs/s   (rounds %.3f–%.3f µs/msg)\n", what, med / n * 1e6,
                  bytes * reps / med / 1e6, n / med, lo / n * 1e6, hi / n * 1e6);
    };
    std::printf("  (the corpus x%d per timed run)\n", reps);
    row("Check(UTF-8)", t8);
    row("Check(UTF-16)", t16);
    std::printf("\n");
  }
  if (only.empty()) {  // the per-call floor: an empty and a one-character message
    auto checker = MakeChecker(Platform::kPdd);
    for (const char* text : {"", "\xE5\xA5\xBD"}) {
      std::vector<std::string> one(1000, text);
      Run(*checker, one, 10, &sink);
      std::vector<double> t;
      for (int r = 0; r < rounds; ++r) t.push_back(Run(*checker, one, 100, &sink));
      std::printf("Check() floor (pdd, UTF-8 \"%s\"): %.3f µs per call (median of %d runs of 100,000 calls)\n", text,
                  Median(t) / 1e5 * 1e6, rounds);
    }
  }
  if (sink == 42) std::printf(" \n");  // keeps the work observable
  return 0;
}
