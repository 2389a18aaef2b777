// chatlint-bench-memory: does the native heap stay flat over many calls?
//
//   build/chatlint-bench-memory [--calls N] [--every N] [--platform pdd] [--corpus FILE]
//
// One checker makes N (1,000,000) Check() calls, then N Fix() calls, on varied text:
// the corpus replies (tests/data/corpus.tsv) in rotation, with odd generated strings
// mixed in (emoji, lone surrogates through the UTF-16 entry points, digit runs and
// phone lists, separators inside words, combining marks, control characters and NUL,
// invalid UTF-8, pinyin, runs of fixable words, a 2 KB paste). Every --every (100,000)
// calls it prints the heap in use (glibc mallinfo2().uordblks), the heap glibc holds
// (arena + mmap), and the process's resident memory (/proc/self/statm).
// The verdict compares the first interval with the last: the heap in use should not
// grow once the checker's scratch buffers have reached their size.
#include <malloc.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "bench_util.h"
#include "checker.h"

using namespace chatlint;
using namespace chatlint_bench;

namespace {

struct Text {
  std::string utf8;
  std::u16string utf16;
  bool is_utf16 = false;
};

// The odd strings: deterministic, short enough for a million calls to take seconds.
std::vector<Text> OddTexts(const std::vector<std::string>& corpus) {
  Rng rng(42);
  std::vector<Text> out;
  auto add8 = [&](std::string s) { out.push_back({std::move(s), {}, false}); };
  const std::vector<std::string> syll = {"wei", "xin", "an", "zhuang", "kou", "qq", "v", "x", "jia", "wo", "bao"};
  for (int k = 0; k < 40; ++k) {
    std::string s;
    // emoji
    for (uint32_t i = 0, n = 1 + rng.Below(30); i < n; ++i) AppendUtf8(0x1F600 + rng.Below(80), &s);
    add8(s);
    // a phone list with varied separators, and an order number beside a phone
    s.clear();
    const std::vector<std::string> seps = {" ", ",", "，", "、", "/", "\n", "和"};
    for (uint32_t i = 0, n = 1 + rng.Below(5); i < n; ++i) {
      s += "13";
      for (int d = 0; d < 9; ++d) s.push_back(static_cast<char>('0' + rng.Below(10)));
      s += rng.Pick(seps);
    }
    s += "订单号" + std::to_string(rng.Next() % 1000000000000ull);
    add8(s);
    // a word with separators inside
    s = "加";
    for (uint32_t i = 0, n = rng.Below(20); i < n; ++i) s += rng.Below(2) ? " " : "\xE2\x80\x8B";
    s += "我微";
    for (uint32_t i = 0, n = rng.Below(20); i < n; ++i) s += rng.Below(2) ? "." : "😀";
    s += "信";
    add8(s);
    // combining marks, control characters, NUL, invalid UTF-8
    s.clear();
    for (uint32_t i = 0, n = rng.Below(40); i < n; ++i) AppendUtf8(0x300 + rng.Below(0x70), &s);
    s += std::string("\0\x01\x7f\t", 4);
    s += "\xff\xfe\xc3\x28\xe2\x82";  // invalid and truncated sequences
    s += corpus[rng.Below(static_cast<uint32_t>(corpus.size()))];
    add8(s);
    // pinyin with spaces (no long run: segmentation cost is worst_case.cc's business)
    s.clear();
    for (uint32_t i = 0, n = 1 + rng.Below(8); i < n; ++i) s += rng.Pick(syll) + (rng.Below(3) ? "" : " ");
    add8(s);
    // runs of fixable words and Chinese digits
    s.clear();
    for (uint32_t i = 0, n = 1 + rng.Below(50); i < n; ++i) s += rng.Below(2) ? "宝贝" : "一三八";
    add8(s);
    // lone surrogates and pairs, through the UTF-16 entry points
    Text t;
    t.is_utf16 = true;
    for (uint32_t i = 0, n = 1 + rng.Below(60); i < n; ++i) {
      uint32_t r = rng.Below(4);
      t.utf16.push_back(r == 0 ? u'微' : r == 1 ? u'信' : static_cast<char16_t>(0xD800 + rng.Below(0x800)));
    }
    out.push_back(std::move(t));
  }
  // One 2 KB paste of replies.
  std::string paste;
  for (size_t i = 0; paste.size() < 2048; ++i) paste += corpus[(i * 7) % corpus.size()] + " ";
  add8(paste);
  return out;
}

struct Sample {
  size_t calls;
  size_t heap_in_use, heap_held, rss;
  double seconds;
};

Sample Measure(size_t calls, double t0) {
  struct mallinfo2 mi = mallinfo2();
  long pages = 0, resident = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  double now = std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
  return {calls, mi.uordblks, mi.arena + mi.hblkhd, static_cast<size_t>(resident) * sysconf(_SC_PAGESIZE), now - t0};
}

void PrintSample(const char* phase, const Sample& s) {
  std::printf("%-6s %10zu calls   heap in use %9.1f KB   heap held %9.1f KB   RSS %9.1f KB   %6.1f s\n", phase,
              s.calls, s.heap_in_use / 1024.0, s.heap_held / 1024.0, s.rss / 1024.0, s.seconds);
  std::fflush(stdout);
}

double Kb(size_t a, size_t b) { return (static_cast<double>(b) - static_cast<double>(a)) / 1024.0; }

}  // namespace

int main(int argc, char** argv) {
  size_t calls = 1000000, every = 100000;
  Platform platform = Platform::kPdd;
  std::string corpus_path = kDefaultCorpus;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (i + 1 >= argc) {
      std::fprintf(stderr, "usage: chatlint-bench-memory [--calls N] [--every N] [--platform P] [--corpus FILE]\n");
      return 2;
    }
    std::string v = argv[++i];
    if (a == "--calls") calls = std::strtoull(v.c_str(), nullptr, 10);
    else if (a == "--every") every = std::strtoull(v.c_str(), nullptr, 10);
    else if (a == "--corpus") corpus_path = v;
    else if (a == "--platform" && ParsePlatform(v, &platform)) {}
    else { std::fprintf(stderr, "bad option %s %s\n", a.c_str(), v.c_str()); return 2; }
  }
  if (every == 0) every = calls;
  std::vector<std::string> corpus = ReadCorpusReplies(corpus_path);
  if (corpus.empty()) { std::fprintf(stderr, "no replies in %s\n", corpus_path.c_str()); return 2; }
  std::vector<Text> texts;
  for (const auto& r : corpus) texts.push_back({r, {}, false});
  std::vector<Text> odd = OddTexts(corpus);
  // Interleave: an odd string after every 3 replies, until the odd ones are used up.
  // (The fix() phase walks them with stride 7: the count must not be a multiple of 7.)
  std::vector<Text> mixed;
  for (size_t i = 0, k = 0; i < texts.size() || k < odd.size(); ++i) {
    if (i < texts.size()) mixed.push_back(texts[i]);
    if (i % 3 == 2 && k < odd.size()) mixed.push_back(odd[k++]);
  }
  if (mixed.size() % 7 == 0) mixed.push_back(odd.front());

  auto checker = MakeChecker(platform);
  std::printf("chatlint native memory benchmark: platform %s, %zu distinct messages (%zu corpus replies, %zu odd), "
              "%zu check() then %zu fix() calls\n\n",
              PlatformName(platform), mixed.size(), corpus.size(), odd.size(), calls, calls);
  double t0 = std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
  PrintSample("start", Measure(0, t0));

  std::vector<Finding> findings;
  size_t sink = 0;
  std::vector<Sample> check_samples, fix_samples;
  for (size_t i = 1; i <= calls; ++i) {
    const Text& t = mixed[i % mixed.size()];
    if (t.is_utf16) checker->Check(std::u16string_view(t.utf16), &findings);
    else checker->Check(std::string_view(t.utf8), &findings);
    sink += findings.size();
    if (i % every == 0) {
      check_samples.push_back(Measure(i, t0));
      PrintSample("check", check_samples.back());
    }
  }
  std::vector<Finding> applied;
  for (size_t i = 1; i <= calls; ++i) {
    // Another order than the check() phase (a stride coprime with the count: every message).
    const Text& t = mixed[(i * 7 + 3) % mixed.size()];
    if (t.is_utf16) sink += checker->Fix(std::u16string_view(t.utf16), &applied).size();
    else sink += checker->Fix(std::string_view(t.utf8), &applied).size();
    sink += applied.size();
    if (i % every == 0) {
      fix_samples.push_back(Measure(i, t0));
      PrintSample("fix", fix_samples.back());
    }
  }
  if (check_samples.empty() || fix_samples.empty()) return 0;
  const Sample& c0 = check_samples.front();
  const Sample& c1 = check_samples.back();
  const Sample& f0 = fix_samples.front();
  const Sample& f1 = fix_samples.back();
  // Flat: the heap in use grows by less than 64 KB over each phase after its first interval.
  bool flat = Kb(c0.heap_in_use, c1.heap_in_use) < 64 && Kb(f0.heap_in_use, f1.heap_in_use) < 64;
  std::printf("\nverdict: heap in use %+.1f KB from %zu to %zu check() calls, %+.1f KB from %zu to %zu fix() calls; "
              "RSS %+.1f KB and %+.1f KB: %s (checksum %zu)\n",
              Kb(c0.heap_in_use, c1.heap_in_use), c0.calls, c1.calls, Kb(f0.heap_in_use, f1.heap_in_use), f0.calls,
              f1.calls, Kb(c0.rss, c1.rss), Kb(f0.rss, f1.rss),
              flat ? "FLAT" : "GROWING (more than 64 KB)", sink % 1000);
  return 0;
}
