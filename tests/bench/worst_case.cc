// chatlint-bench-worst: how much a hostile message costs per KB, next to ordinary replies.
//
//   build/chatlint-bench-worst [--platform pdd,generic] [--cap SECONDS] [--min-time SECONDS]
//                              [--family SUBSTRING] [--max-kb N] [--check] [--corpus FILE]
//   build/chatlint-bench-worst --dump DIR      (writes the messages for tests/bench/worst_case.mjs)
//
// The families of adversarial messages are written once, here (Families()): the
// JavaScript benchmark reads them from --dump's files, so both measure the same text.
// Each family is measured at several sizes, to show whether the cost per KB stays flat
// (linear time) or grows with the size. "Ordinary" is the reply texts of
// tests/data/corpus.tsv, checked one by one, per KB of their text.
//
// Timing: one call first (the probe), then best of 3 rounds of as many calls as fill
// --min-time each (0.1 s: 0.3 s per family, size and operation at least).
// A pathological family must not hang the benchmark: each family runs in a forked
// child under a watchdog, and
//   - a size is skipped when the previous size's time, scaled linearly, exceeds --cap
//     (2 s per call);
//   - a call still running after --cap is killed, and the larger sizes are skipped;
// both are printed as "SKIPPED: ..." with the lower bound they imply (the µs/KB a call
// would cost at least). fix() runs check() first, so a skipped check() skips fix().
// The ordinary replies are measured again before every family and the best of all is
// the baseline (a shared machine's load changes during a run; noise only adds time).
//
// Sizes are bytes of UTF-8 (a lone surrogate of the UTF-16 family counts as the 3
// bytes of U+FFFD, as Buffer.byteLength counts it); 1 KB = 1024 bytes.
// The last line is the verdict: the worst ratio to ordinary text, and whether every
// family stays within 10x. Exit status 0 (it is a benchmark) unless --check is given
// and some family exceeds 10x (then 1).
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "bench_util.h"
#include "checker.h"

using namespace chatlint;
using namespace chatlint_bench;

namespace {

// ---------------------------------------------------------------- the families

struct Message {
  std::string what;      // how it is made, e.g. "an×24+q"
  std::string utf8;      // the text (UTF-8 families)
  std::u16string utf16;  // the text (UTF-16 families: Checker::Check(std::u16string_view))
  bool is_utf16 = false;
  size_t bytes = 0;      // UTF-8 bytes (lone surrogate = 3)
};

struct Family {
  std::string name, group, desc;
  std::vector<size_t> ns;  // the sizes, in the family's own unit (repetitions, digits, ...)
  std::function<Message(size_t n)> gen;
};

std::string Repeat(const std::string& unit, size_t n) {
  std::string s;
  s.reserve(unit.size() * n);
  for (size_t i = 0; i < n; ++i) s += unit;
  return s;
}

Message Utf8Message(std::string what, std::string text) {
  Message m;
  m.what = std::move(what);
  m.utf8 = std::move(text);
  m.bytes = m.utf8.size();
  return m;
}

std::string Num(size_t n) { return std::to_string(n); }

const std::vector<std::string> kSyllables = {
    "an", "ang", "wei", "xin", "wen", "zhuang", "shuang", "chuang", "zhi", "fu", "bao", "bei",
    "jia", "wo", "qq", "kou", "tao", "jing", "dong", "pin", "duo", "hao", "ping", "fan",
    "xian", "shua", "dan", "zui", "di", "yi", "v", "x", "er", "e", "n", "g", "ya", "yan"};

std::string SyllableSoup(Rng& rng, size_t bytes) {
  std::string s;
  while (s.size() < bytes) s += rng.Pick(kSyllables);
  s.resize(bytes);
  return s;
}

std::vector<Family> Families(const std::vector<std::string>& corpus) {
  std::vector<Family> f;
  // 16, 64 and 256 KB of a unit of `unit_bytes` bytes.
  auto kb_sizes = [](size_t unit_bytes) {
    return std::vector<size_t>{16384 / unit_bytes, 65536 / unit_bytes, 262144 / unit_bytes};
  };
  auto repeat_family = [&](std::string name, std::string group, std::string desc, std::string unit,
                           std::string prefix, std::string suffix, std::vector<size_t> ns) {
    f.push_back({name, group, desc, ns, [=](size_t n) {
                   std::string what = prefix + unit + "×" + Num(n) + suffix;
                   return Utf8Message(what, prefix + Repeat(unit, n) + suffix);
                 }});
  };

  // ---- Latin runs that pinyin segmentation has to take apart
  repeat_family("latin-an-q", "latin", "'an' repeated, then 'q' (no syllable starts 'nq')", "an", "", "+q",
                {4, 8, 12, 16, 20, 24, 32, 5000, 8192, 32768});
  repeat_family("latin-an", "latin", "'an' repeated (64 letters, 10,000 letters, 16/64/256 KB)", "an", "", "",
                {32, 5000, 8192, 32768, 131072});
  repeat_family("latin-weixin", "latin", "'weixin' repeated (a homophone match every 6 letters)", "weixin", "", "",
                kb_sizes(6));
  repeat_family("latin-zhuangshuang", "latin", "'zhuangshuang' repeated", "zhuangshuang", "", "", kb_sizes(12));
  f.push_back({"latin-soup", "latin", "random pinyin syllables, no spaces (64 B, 10,000 B, 16/64/256 KB)",
               {64, 10000, 16384, 65536, 262144}, [](size_t n) {
                 Rng rng(1);
                 return Utf8Message("syllables, " + Num(n) + " letters", SyllableSoup(rng, n));
               }});

  // ---- digits
  f.push_back({"digits-run", "digits", "one run of random digits (16 KB, 64 KB, 100,000, 256 KB)",
               {16384, 65536, 100000, 262144}, [](size_t n) {
                 Rng rng(2);
                 std::string s = "138";
                 while (s.size() < n) s.push_back(static_cast<char>('0' + rng.Below(10)));
                 return Utf8Message(Num(n) + " digits", s);
               }});
  f.push_back({"digits-spaced", "digits", "digits with a space between every two: '1 3 8 1 ...'", kb_sizes(2),
               [](size_t n) {
                 Rng rng(3);
                 std::string s;
                 for (size_t i = 0; i < n; ++i) {
                   s.push_back(static_cast<char>('0' + rng.Below(10)));
                   s.push_back(' ');
                 }
                 return Utf8Message(Num(n) + " digits + spaces", s);
               }});
  f.push_back({"digits-phones", "digits", "11-digit phone numbers separated by space , ， 、 / newline 和",
               {1200, 4800, 19200}, [](size_t n) {
                 Rng rng(4);
                 const std::vector<std::string> seps = {" ", ",", "，", "、", "/", "\n", "和"};
                 std::string s;
                 for (size_t i = 0; i < n; ++i) {
                   s += '1';
                   s.push_back(static_cast<char>('3' + rng.Below(7)));
                   for (int k = 0; k < 9; ++k) s.push_back(static_cast<char>('0' + rng.Below(10)));
                   s += seps[i % seps.size()];
                 }
                 return Utf8Message(Num(n) + " phone numbers", s);
               }});
  f.push_back({"digits-chinese", "digits", "Chinese digits 一三八... (become ASCII digits)", kb_sizes(3),
               [](size_t n) {
                 Rng rng(5);
                 const std::vector<std::string> d = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
                 std::string s;
                 for (size_t i = 0; i < n; ++i) s += rng.Pick(d);
                 return Utf8Message(Num(n) + " Chinese digits", s);
               }});

  // ---- separators between the two characters of a word
  auto sep_family = [&](std::string name, std::string desc, std::vector<std::string> seps) {
    f.push_back({name, "separators", desc, {10000, 30000, 100000}, [=](size_t n) {
                   std::string s = "微";
                   for (size_t i = 0; i < n; ++i) s += seps[i % seps.size()];
                   s += "信";
                   return Utf8Message("微+" + Num(n) + " separators+信", s);
                 }});
  };
  sep_family("sep-space", "微 + spaces + 信", {" "});
  sep_family("sep-zwsp", "微 + U+200B zero-width spaces + 信", {"\xE2\x80\x8B"});
  sep_family("sep-emoji", "微 + emoji + 信", {"😀", "🙏", "🌸", "👍🏻"});  // (❤ is read 心: not a separator)
  sep_family("sep-punct", "微 + punctuation + 信", {".", ",", "-", "_", "*", "/", "|", "~", "·", "。", "，", "！"});
  sep_family("sep-combining", "微 + combining marks + 信", {"\xCC\x81", "\xCC\x88", "\xCD\xA3"});

  // ---- only allowed contexts, only matches, repeated characters
  repeat_family("allowed-zuijin", "allowed", "最近 repeated (allowed context of 最)", "最近", "", "", kb_sizes(6));
  repeat_family("allowed-diyici", "allowed", "第一次 repeated (allowed context of 第一)", "第一次", "", "",
                kb_sizes(9));
  repeat_family("matches-weixin", "matches", "微信 repeated: a finding every 2 characters", "微信", "", "",
                kb_sizes(6));
  repeat_family("matches-baobei", "matches", "宝贝 repeated: a fixable finding every 2 characters on pdd (100,000)",
                "宝贝", "", "", {2730, 10922, 100000});
  repeat_family("repeat-wei", "matches", "微 repeated, then 信 (repeated characters are tolerated: 微微信)", "微",
                "", "+信", kb_sizes(3));

  // ---- a long paste of mixed text
  f.push_back({"paste-mixed", "paste", "corpus replies joined with emoji, digits, Latin words, newlines",
               {65536, 262144, 1048576}, [corpus](size_t n) {
                 Rng rng(6);
                 const std::vector<std::string> glue = {" ", "😀", "👍", "\n", "，", "~", " ok ", "。"};
                 std::string s;
                 size_t i = 0;
                 while (s.size() < n) {
                   s += corpus[i++ % corpus.size()];
                   switch (rng.Below(4)) {
                     case 0: {
                       size_t digits = 3 + rng.Below(9);
                       for (size_t k = 0; k < digits; ++k) s.push_back(static_cast<char>('0' + rng.Below(10)));
                       break;
                     }
                     case 1: s += " " + SyllableSoup(rng, 2 + rng.Below(10)) + " "; break;
                     default: break;
                   }
                   s += rng.Pick(glue);
                 }
                 return Utf8Message("mixed paste, " + Num(n) + " B", s);
               }});

  // ---- odd text
  f.push_back({"only-emoji", "odd", "only emoji (with skin tones and variation selectors)", kb_sizes(4),
               [](size_t n) {
                 Rng rng(7);
                 const std::vector<char32_t> e = {0x1F600, 0x1F602, 0x1F64F, 0x1F44D, 0x1F3FB, 0x2764, 0xFE0F,
                                                  0x1F525, 0x1F389, 0x1F9E7, 0x200D, 0x1F468};
                 std::string s;
                 while (s.size() < 4 * n) AppendUtf8(rng.Pick(e), &s);
                 return Utf8Message(Num(s.size()) + " B of emoji", s);
               }});
  f.push_back({"only-combining", "odd", "only combining marks (U+0300..U+036F)", kb_sizes(2), [](size_t n) {
                 std::string s;
                 for (size_t i = 0; i < n; ++i) AppendUtf8(0x300 + static_cast<char32_t>(i % 0x70), &s);
                 return Utf8Message(Num(n) + " combining marks", s);
               }});
  f.push_back({"lone-surrogates", "odd", "UTF-16 input: lone surrogates mixed with 微信宝贝 and ASCII",
               kb_sizes(3), [](size_t n) {
                 Rng rng(8);
                 const std::u16string cjk = u"微信宝贝加我";
                 Message m;
                 m.is_utf16 = true;
                 for (size_t i = 0; i < n; ++i) {
                   uint32_t r = rng.Below(10);
                   if (r < 6) {
                     m.utf16.push_back(static_cast<char16_t>(0xD800 + rng.Below(0x800)));  // high or low
                   } else if (r < 8) {
                     m.utf16.push_back(cjk[rng.Below(static_cast<uint32_t>(cjk.size()))]);
                   } else {
                     m.utf16.push_back(static_cast<char16_t>('0' + rng.Below(75)));
                   }
                 }
                 m.bytes = Utf8FromUtf16Lossy(m.utf16).size();
                 m.what = Num(n) + " UTF-16 units";
                 return m;
               }});
  return f;
}

// ---------------------------------------------------------------- timing

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

volatile size_t g_sink = 0;

template <typename F>
double TimeOne(F& f) {
  double t0 = Now();
  f();
  return Now() - t0;
}

// Seconds per call: best of 3 rounds, each of as many calls as fill `min_time`.
template <typename F>
double BestOf3(F& f, double one_call, double min_time) {
  long reps = std::max(1L, static_cast<long>(std::ceil(min_time / std::max(one_call, 1e-8))));
  double best = 1e300;
  for (int r = 0; r < 3; ++r) {
    double t0 = Now();
    for (long i = 0; i < reps; ++i) f();
    best = std::min(best, (Now() - t0) / static_cast<double>(reps));
  }
  return best;
}

struct Settings {
  std::vector<Platform> platforms = {Platform::kPdd, Platform::kGeneric};
  double cap = 2.0;
  double min_time = 0.1;
  std::string family_filter;
  double max_kb = 0;  // 0: no limit
  bool check = false;
  std::string corpus = kDefaultCorpus;
  std::string dump_dir;
};

enum Op { kCheck = 0, kFix = 1 };
const char* kOpName[2] = {"check", "fix"};

// ---------------------------------------------------------------- the child: measures one family
//
// Writes one line per step to `fd`:
//   size I BYTES WHAT          message I generated
//   probe OP I SECONDS         one call done
//   time OP I SECONDS          best-of-3 seconds per call
//   over OP I SECONDS          one call took longer than the cap: OP stops here
//   proj OP I SECONDS          OP skipped at size I: linear projection exceeds the cap
void Child(Checker& checker, const Family& fam, const std::vector<size_t>& ns, size_t start, int mask,
           const Settings& st, int fd) {
  double prev_t[2] = {0, 0};
  double prev_bytes = 0;
  std::vector<Finding> findings;
  // Patterns compile on first use: warm them as the ordinary baseline does, or the
  // first family that triggers them pays the compile (and its repetitions, sized
  // from that one slow call, are too few to be stable).
  checker.Warm(SIZE_MAX);
  for (size_t i = start; i < ns.size() && mask != 0; ++i) {
    Message m = fam.gen(ns[i]);
    dprintf(fd, "size %zu %zu %s\n", i, m.bytes, m.what.c_str());
    std::string_view u8(m.utf8);
    std::u16string_view u16(m.utf16);
    auto check = [&] {
      if (m.is_utf16) checker.Check(u16, &findings);
      else checker.Check(u8, &findings);
      g_sink = g_sink + findings.size();
    };
    auto fix = [&] {
      if (m.is_utf16) g_sink = g_sink + checker.Fix(u16, nullptr).size();
      else g_sink = g_sink + checker.Fix(u8, nullptr).size();
    };
    for (int op : {kCheck, kFix}) {
      if (!(mask & (1 << op))) continue;
      if (prev_t[op] > 0) {
        double projected = prev_t[op] * static_cast<double>(m.bytes) / prev_bytes;
        if (projected > st.cap) {
          dprintf(fd, "proj %s %zu %.9g\n", kOpName[op], i, projected);
          mask &= op == kCheck ? 0 : ~(1 << op);
          continue;
        }
      }
      double t = op == kCheck ? TimeOne(check) : TimeOne(fix);
      // A second call when the first was quick: the first also fills RE2's DFA caches.
      if (t < st.cap / 4) t = std::min(t, op == kCheck ? TimeOne(check) : TimeOne(fix));
      dprintf(fd, "probe %s %zu %.9g\n", kOpName[op], i, t);
      if (t > st.cap) {
        dprintf(fd, "over %s %zu %.9g\n", kOpName[op], i, t);
        mask &= op == kCheck ? 0 : ~(1 << op);
        continue;
      }
      double per = op == kCheck ? BestOf3(check, t, st.min_time) : BestOf3(fix, t, st.min_time);
      dprintf(fd, "time %s %zu %.9g\n", kOpName[op], i, per);
      prev_t[op] = std::max(per, 1e-9);
    }
    prev_bytes = static_cast<double>(m.bytes);
  }
}

// ---------------------------------------------------------------- the parent: watchdog and table

struct Cell {
  double us_per_kb = -1;  // measured
  double lower_bound = -1;  // skipped: at least this many µs/KB
  std::string note;         // why skipped
};
struct Row {
  size_t bytes = 0;
  std::string what;
  Cell cell[2];
  bool generated = false;  // the child got to it
};

std::string SizeText(size_t bytes) {
  char buf[32];
  if (bytes < 1024) std::snprintf(buf, sizeof buf, "%zu B", bytes);
  else if (bytes < 1024 * 1024) std::snprintf(buf, sizeof buf, "%.1f KB", bytes / 1024.0);
  else std::snprintf(buf, sizeof buf, "%.2f MB", bytes / 1048576.0);
  return buf;
}

std::string Fmt(const char* fmt, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, v);
  return buf;
}

std::string NumText(double v) {  // 3 significant digits, no exponent
  if (v >= 100) return Fmt("%.0f", v);
  if (v >= 10) return Fmt("%.1f", v);
  return Fmt("%.2f", v);
}

// Runs the family in forked children (a new one after each kill), fills rows.
void MeasureFamily(Checker& checker, const Family& fam, const std::vector<size_t>& ns, const Settings& st,
                   std::vector<Row>* rows) {
  size_t start = 0;
  int mask = 3;
  while (start < ns.size() && mask != 0) {
    int pipefd[2];
    if (pipe(pipefd) != 0) { std::perror("pipe"); std::exit(2); }
    std::fflush(stdout);
    std::fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) { std::perror("fork"); std::exit(2); }
    if (pid == 0) {
      close(pipefd[0]);
      Child(checker, fam, ns, start, mask, st, pipefd[1]);
      close(pipefd[1]);
      _exit(0);
    }
    close(pipefd[1]);
    // What the child is doing now, to know what a kill interrupts.
    size_t cur = start;
    int cur_op = -1;        // op whose probe/measurement is running (-1: generating)
    bool measuring = false;  // after a probe
    double deadline = Now() + 60;  // generating a message (1 MB at most) is quick
    std::string buf;
    bool eof = false, killed = false;
    while (!eof) {
      double left = deadline - Now();
      if (left <= 0) {
        kill(pid, SIGKILL);
        killed = true;
        break;
      }
      struct pollfd p = {pipefd[0], POLLIN, 0};
      int r = poll(&p, 1, static_cast<int>(std::min(left, 3600.0) * 1000) + 1);
      if (r < 0) { if (errno == EINTR) continue; std::perror("poll"); std::exit(2); }
      if (r == 0) continue;
      char chunk[4096];
      ssize_t n = read(pipefd[0], chunk, sizeof chunk);
      if (n <= 0) { eof = true; break; }
      buf.append(chunk, static_cast<size_t>(n));
      size_t nl;
      while ((nl = buf.find('\n')) != std::string::npos) {
        std::string line = buf.substr(0, nl);
        buf.erase(0, nl + 1);
        char kind[16] = {0}, opname[16] = {0};
        size_t i = 0;
        double v = 0;
        if (std::sscanf(line.c_str(), "size %zu %lf", &i, &v) == 2) {
          (*rows)[i].generated = true;
          cur = i;
          cur_op = kCheck;
          measuring = false;
          deadline = Now() + st.cap;
          continue;
        }
        if (std::sscanf(line.c_str(), "%15s %15s %zu %lf", kind, opname, &i, &v) != 4) continue;
        int op = std::strcmp(opname, "fix") == 0 ? kFix : kCheck;
        Row& row = (*rows)[i];
        double kb = row.bytes / 1024.0;
        std::string k = kind;
        if (k == "probe") {
          measuring = true;
          cur_op = op;
          // 3 rounds of at least min_time, or of one call each: generous slack for a loaded machine.
          deadline = Now() + 3 * std::max(v, st.min_time) * 2 + 5;
        } else if (k == "time") {
          row.cell[op].us_per_kb = v * 1e6 / kb;
          measuring = false;
          cur_op = op == kCheck ? kFix : -1;
          deadline = Now() + (op == kCheck ? st.cap : 60);
        } else if (k == "over" || k == "proj") {
          row.cell[op].lower_bound = v * 1e6 / kb;
          row.cell[op].note = k == "over" ? "one call took " + Fmt("%.1f", v) + " s (over the " + Fmt("%g", st.cap) + " s cap)"
                                          : "projected >" + Fmt("%g", st.cap) + " s per call (" + Fmt("%.1f", v) + " s, linear from the previous size)";
          if (op == kCheck) {
            row.cell[kFix].lower_bound = std::max(row.cell[kFix].lower_bound, row.cell[kCheck].lower_bound);
            row.cell[kFix].note = "skipped with check()";
          }
          measuring = false;
          cur_op = op == kCheck ? kFix : -1;
          deadline = Now() + (op == kCheck ? st.cap : 60);
        }
      }
    }
    close(pipefd[0]);
    int status;
    waitpid(pid, &status, 0);
    if (!killed) {
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        // A crash is a finding of its own: report it on the current size.
        Row& row = (*rows)[cur];
        int op = cur_op < 0 ? kCheck : cur_op;
        row.cell[op].note = WIFSIGNALED(status) ? std::string("CRASHED: signal ") + strsignal(WTERMSIG(status))
                                                : "CRASHED: exit " + std::to_string(WEXITSTATUS(status));
        row.cell[op].lower_bound = 1e300;
        if (op == kCheck) { row.cell[kFix].note = "skipped with check()"; mask = 0; }
        else mask &= ~(1 << kFix);
        start = cur + (op == kFix ? 1 : 0);
        if (op == kCheck) break;
        continue;
      }
      break;  // the child went through every size it was given
    }
    // Killed at the watchdog: cur_op at size cur was still running.
    Row& row = (*rows)[cur];
    int op = cur_op < 0 ? kCheck : cur_op;
    if (!row.generated) {  // still generating (never expected): give up on the family
      row.cell[kCheck].note = "generating the message took over 60 s";
      break;
    }
    double kb = row.bytes / 1024.0;
    row.cell[op].lower_bound = st.cap * 1e6 / kb;
    row.cell[op].note = measuring ? "measurement killed (calls near the " + Fmt("%g", st.cap) + " s cap)"
                                  : "killed after " + Fmt("%g", st.cap) + " s (the cap), one call";
    if (op == kCheck) {
      row.cell[kFix].lower_bound = row.cell[kCheck].lower_bound;
      row.cell[kFix].note = "skipped with check()";
      mask = 0;
    } else {
      mask &= ~(1 << kFix);
      start = cur + 1;
    }
  }
  // Sizes never reached after an op stopped.
  for (Row& row : *rows)
    for (int op : {kCheck, kFix})
      if (row.cell[op].us_per_kb < 0 && row.cell[op].note.empty()) row.cell[op].note = "not run";
}

struct Baseline { double check_us_kb, fix_us_kb, check_us_msg, fix_us_msg; };

// Ordinary replies, one Check()/Fix() per reply. `warm` first compiles every pattern and
// fills the caches, as after a while in a chat page.
Baseline MeasureOrdinary(Checker& checker, const std::vector<std::string>& replies, const Settings& st, bool warm) {
  std::vector<Finding> findings;
  size_t bytes = 0;
  for (const auto& r : replies) bytes += r.size();
  auto check_all = [&] {
    for (const auto& r : replies) {
      checker.Check(r, &findings);
      g_sink = g_sink + findings.size();
    }
  };
  auto fix_all = [&] {
    for (const auto& r : replies) g_sink = g_sink + checker.Fix(r, nullptr).size();
  };
  if (warm) {
    checker.Warm(SIZE_MAX);
    for (int w = 0; w < 5; ++w) { check_all(); fix_all(); }
  }
  double tc = BestOf3(check_all, TimeOne(check_all), st.min_time);
  double tf = BestOf3(fix_all, TimeOne(fix_all), st.min_time);
  double kb = bytes / 1024.0;
  return {tc * 1e6 / kb, tf * 1e6 / kb, tc * 1e6 / replies.size(), tf * 1e6 / replies.size()};
}

void KeepBest(const Baseline& b, Baseline* best) {
  best->check_us_kb = std::min(best->check_us_kb, b.check_us_kb);
  best->fix_us_kb = std::min(best->fix_us_kb, b.fix_us_kb);
  best->check_us_msg = std::min(best->check_us_msg, b.check_us_msg);
  best->fix_us_msg = std::min(best->fix_us_msg, b.fix_us_msg);
}

// Display width in a terminal: CJK and emoji take two columns (printf pads by bytes).
size_t Width(const std::string& s) {
  size_t w = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    for (size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    w += (cp >= 0x1100 && (cp <= 0x115F || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFF60) || cp >= 0x1F300))
             ? 2 : 1;
    i += len;
  }
  return w;
}
// Left-aligned (width > 0) or right-aligned (width < 0) in `width` columns.
std::string Pad(const std::string& s, int width) {
  size_t w = Width(s), want = static_cast<size_t>(width < 0 ? -width : width);
  std::string fill(w < want ? want - w : 0, ' ');
  return width < 0 ? fill + s : s + fill;
}

void PrintRow(const std::string& family, const std::string& what, const std::string& size, const std::string& cus,
              const std::string& cx, const std::string& fus, const std::string& fx, const std::string& growth,
              const std::string& note) {
  std::string line = Pad(family, 19) + " " + Pad(what, 30) + " " + Pad(size, -9) + " " + Pad(cus, -11) + " " +
                     Pad(cx, -8) + " " + Pad(fus, -11) + " " + Pad(fx, -8) + " " + Pad(growth, -11) + "  " + note;
  while (!line.empty() && line.back() == ' ') line.pop_back();
  std::printf("%s\n", line.c_str());
}

std::string RatioText(const Cell& c, double base) {
  if (c.us_per_kb >= 0) return NumText(c.us_per_kb / base) + "x";
  if (c.lower_bound >= 1e299) return "CRASH";
  if (c.lower_bound >= 0) return ">" + NumText(c.lower_bound / base) + "x";
  return "-";
}
std::string UsText(const Cell& c) {
  if (c.us_per_kb >= 0) return NumText(c.us_per_kb);
  if (c.lower_bound >= 1e299) return "CRASH";
  if (c.lower_bound >= 0) return ">" + NumText(c.lower_bound);
  return "-";
}

// Returns true when every family is within 10x.
bool RunPlatform(Platform platform, const std::vector<std::string>& replies, const std::vector<Family>& fams,
                 const Settings& st) {
  auto checker = MakeChecker(platform);
  double total_bytes = 0;
  for (const auto& r : replies) total_bytes += r.size();
  // The machine may be shared and its load may change during the run: the ordinary
  // replies are measured again before every family, and the best of all is the
  // baseline (noise only ever adds time). The table is printed at the end.
  Baseline base = MeasureOrdinary(*checker, replies, st, true);
  const bool progress = isatty(2);
  std::vector<std::pair<const Family*, std::vector<Row>>> results;
  for (size_t k = 0; k < fams.size(); ++k) {
    const Family& fam = fams[k];
    std::vector<size_t> ns;
    std::vector<Row> rows;
    for (size_t n : fam.ns) {
      Message m = fam.gen(n);
      if (st.max_kb > 0 && m.bytes > st.max_kb * 1024) continue;
      ns.push_back(n);
      rows.emplace_back();
      rows.back().bytes = m.bytes;
      rows.back().what = m.what;
    }
    if (ns.empty()) continue;
    if (progress) std::fprintf(stderr, "\r%s: %zu/%zu %-20s", PlatformName(platform), k + 1, fams.size(), fam.name.c_str());
    KeepBest(MeasureOrdinary(*checker, replies, st, false), &base);
    MeasureFamily(*checker, fam, ns, st, &rows);
    results.emplace_back(&fam, std::move(rows));
  }
  KeepBest(MeasureOrdinary(*checker, replies, st, false), &base);
  if (progress) std::fprintf(stderr, "\r%60s\r", "");

  std::printf("== platform %s ==\n", PlatformName(platform));
  std::printf("ordinary replies: %zu corpus replies (avg %.0f B), one message each: check %.2f µs/reply = %.2f µs/KB; "
              "fix %.2f µs/reply = %.2f µs/KB (best of %zu measurements during the run)\n",
              replies.size(), total_bytes / replies.size(), base.check_us_msg, base.check_us_kb, base.fix_us_msg,
              base.fix_us_kb, results.size() + 2);
  std::printf("(µs/KB: per 1024 bytes of UTF-8; x ord: that over ordinary replies' µs/KB; growth: µs/KB over the "
              "family's first size, 1.00 = linear)\n\n");
  PrintRow("family", "message", "size", "check µs/KB", "x ord", "fix µs/KB", "x ord", "growth c/f", "note");

  double worst = 0;
  std::string worst_where;
  std::vector<std::string> over;
  for (const auto& [famp, rows] : results) {
    const Family& fam = *famp;
    double first[2] = {-1, -1};
    double fam_worst = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
      const Row& row = rows[i];
      std::string growth;
      for (int op : {kCheck, kFix}) {
        const Cell& c = row.cell[op];
        double b = op == kCheck ? base.check_us_kb : base.fix_us_kb;
        double ratio = c.us_per_kb >= 0 ? c.us_per_kb / b : c.lower_bound >= 0 ? c.lower_bound / b : 0;
        if (ratio > fam_worst) fam_worst = ratio;
        if (ratio > worst) {
          worst = ratio;
          worst_where = fam.name + " " + SizeText(row.bytes) + " " + kOpName[op] +
                        (c.us_per_kb >= 0 ? "" : " (skipped: lower bound)");
        }
        if (c.us_per_kb >= 0 && first[op] < 0) first[op] = c.us_per_kb;
        growth += (op ? "/" : "") + (c.us_per_kb >= 0 ? NumText(c.us_per_kb / first[op]) : std::string("-"));
      }
      std::string note;
      for (int op : {kCheck, kFix}) {
        const Cell& c = row.cell[op];
        if (c.note.empty() || c.us_per_kb >= 0) continue;
        if (op == kFix && c.note == "skipped with check()") continue;
        if (c.note.rfind("not run", 0) == 0) continue;
        if (!note.empty()) note += "; ";
        note += (c.note.rfind("CRASHED", 0) == 0 ? c.note + " in " + kOpName[op]
                                                 : "SKIPPED: " + std::string(kOpName[op]) + " " + c.note +
                                                       " at size " + SizeText(row.bytes));
      }
      if (!row.generated) note = "SKIPPED: not run (a smaller size was over the cap)";
      PrintRow(i == 0 ? fam.name : "", row.what, SizeText(row.bytes), UsText(row.cell[kCheck]),
               RatioText(row.cell[kCheck], base.check_us_kb), UsText(row.cell[kFix]),
               RatioText(row.cell[kFix], base.fix_us_kb), growth, note);
    }
    if (fam_worst > 10) over.push_back(fam.name);
    std::fflush(stdout);
  }
  std::printf("\nverdict (%s): worst %s x ordinary per KB (%s); every family within 10x ordinary per KB: %s",
              PlatformName(platform), (worst >= 1e299 ? std::string("CRASH") : NumText(worst)).c_str(),
              worst_where.c_str(), over.empty() ? "YES" : "NO");
  if (!over.empty()) {
    std::printf(" (%zu of %zu over:", over.size(), fams.size());
    for (const auto& n : over) std::printf(" %s", n.c_str());
    std::printf(")");
  }
  std::printf("\n\n");
  std::fflush(stdout);
  return over.empty();
}

// ---------------------------------------------------------------- --dump

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') { out += "\\n"; continue; }
    out += c;
  }
  return out + "\"";
}

bool WriteFile(const std::string& path, const void* data, size_t size) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return false;
  bool ok = std::fwrite(data, 1, size, f) == size;
  return std::fclose(f) == 0 && ok;
}

int Dump(const std::string& dir, const std::vector<std::string>& replies, const std::vector<Family>& fams,
         const Settings& st) {
  mkdir(dir.c_str(), 0755);
  std::string ordinary;
  for (const auto& r : replies) ordinary += r + "\n";
  if (!WriteFile(dir + "/ordinary.txt", ordinary.data(), ordinary.size())) {
    std::fprintf(stderr, "cannot write %s/ordinary.txt\n", dir.c_str());
    return 2;
  }
  std::string manifest = "{\n  \"cap\": " + Fmt("%g", st.cap) + ",\n  \"ordinary\": \"ordinary.txt\",\n  \"families\": [\n";
  bool first_fam = true;
  for (const Family& fam : fams) {
    std::string sizes;
    for (size_t k = 0; k < fam.ns.size(); ++k) {
      Message m = fam.gen(fam.ns[k]);
      if (st.max_kb > 0 && m.bytes > st.max_kb * 1024) continue;
      std::string file = fam.name + "-" + std::to_string(k) + (m.is_utf16 ? ".utf16le" : ".txt");
      bool ok = m.is_utf16 ? WriteFile(dir + "/" + file, m.utf16.data(), m.utf16.size() * 2)  // little-endian host
                           : WriteFile(dir + "/" + file, m.utf8.data(), m.utf8.size());
      if (!ok) { std::fprintf(stderr, "cannot write %s/%s\n", dir.c_str(), file.c_str()); return 2; }
      if (!sizes.empty()) sizes += ",\n";
      sizes += "      {\"what\": " + JsonString(m.what) + ", \"bytes\": " + std::to_string(m.bytes) +
               ", \"file\": " + JsonString(file) + ", \"encoding\": \"" + (m.is_utf16 ? "utf16le" : "utf8") + "\"}";
    }
    if (sizes.empty()) continue;
    manifest += std::string(first_fam ? "" : ",\n") + "    {\"name\": " + JsonString(fam.name) +
                ", \"group\": " + JsonString(fam.group) + ", \"desc\": " + JsonString(fam.desc) +
                ",\n     \"sizes\": [\n" + sizes + "]}";
    first_fam = false;
  }
  manifest += "\n  ]\n}\n";
  if (!WriteFile(dir + "/manifest.json", manifest.data(), manifest.size())) return 2;
  std::printf("wrote %s/manifest.json\n", dir.c_str());
  return 0;
}

int Usage() {
  std::fprintf(stderr,
               "usage: chatlint-bench-worst [--platform pdd,generic] [--cap SECONDS] [--min-time SECONDS]\n"
               "                            [--family SUBSTRING] [--max-kb N] [--check] [--corpus FILE]\n"
               "       chatlint-bench-worst --dump DIR [--family SUBSTRING] [--max-kb N]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Settings st;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) { Usage(); std::exit(2); }
      return argv[++i];
    };
    if (a == "--platform") {
      st.platforms.clear();
      std::string list = value();
      size_t p = 0;
      while (p <= list.size()) {
        size_t q = list.find(',', p);
        if (q == std::string::npos) q = list.size();
        Platform pl;
        if (!ParsePlatform(list.substr(p, q - p), &pl)) {
          std::fprintf(stderr, "unknown platform '%s' (%s)\n", list.substr(p, q - p).c_str(), PlatformList().c_str());
          return 2;
        }
        st.platforms.push_back(pl);
        p = q + 1;
      }
    } else if (a == "--cap") {
      st.cap = std::atof(value().c_str());
    } else if (a == "--min-time") {
      st.min_time = std::atof(value().c_str());
    } else if (a == "--family") {
      st.family_filter = value();
    } else if (a == "--max-kb") {
      st.max_kb = std::atof(value().c_str());
    } else if (a == "--check") {
      st.check = true;
    } else if (a == "--corpus") {
      st.corpus = value();
    } else if (a == "--dump") {
      st.dump_dir = value();
    } else {
      return Usage();
    }
  }
  if (st.cap <= 0 || st.min_time <= 0) return Usage();
  std::vector<std::string> replies = ReadCorpusReplies(st.corpus);
  if (replies.empty()) {
    std::fprintf(stderr, "no replies in %s\n", st.corpus.c_str());
    return 2;
  }
  std::vector<Family> fams;
  for (Family& f : Families(replies))
    if (f.name.find(st.family_filter) != std::string::npos) fams.push_back(std::move(f));
  if (!st.dump_dir.empty()) return Dump(st.dump_dir, replies, fams, st);

  signal(SIGPIPE, SIG_IGN);
  double t0 = Now();
  std::printf("chatlint worst-case benchmark (native, %s build): %zu families; cap %g s per call; "
              "best of 3 rounds of >= %g s\n\n",
#ifdef NDEBUG
              "release",
#else
              "debug",
#endif
              fams.size(), st.cap, st.min_time);
  bool all_within = true;
  for (Platform p : st.platforms) all_within = RunPlatform(p, replies, fams, st) && all_within;
  std::printf("total time %.0f s\n", Now() - t0);
  return st.check && !all_within ? 1 : 0;
}
