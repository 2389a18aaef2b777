// chatlint: the command line, for quality-inspection teams auditing exported chat logs.
//
//   chatlint check --platform pdd [--jsonl] [--format json|text] [--rules FILE.clp]
//                  [--custom-rules FILE.rules] [--allow WORD]... [--max-line-bytes N]
//                  [--jobs N] [FILE...]
//   chatlint rules --platform pdd [--format json|text] [--rules FILE.clp] [--custom-rules FILE.rules]
//
// --custom-rules: a shop's own words, in the syntax of rules/ as a caller writes it
// (rules/README.md, "A caller's own rules"; the npm package's customWords and
// allowWords become the same text): [id] blocks, and allow: lines before the first.
//
// check reads one message per line (or JSON Lines with a "text" field) from the
// files or standard input and writes one JSON object per input line:
//   {"line":N,"ok":BOOL,"findings":[{"start","end","match","ruleId","category",
//    "severity","message","suggestion","byteStart","byteEnd"}]}
// start/end are UTF-16 code units (as in the JavaScript API); byteStart/byteEnd
// are bytes of the message's UTF-8 text. Exit status: 0 nothing blocks, 1 some
// message has a block finding, 2 usage or input error. It streams: memory stays
// flat whatever the size of the log. Hostile logs are checked, not crashed on:
// invalid UTF-8 is checked as U+FFFD with a warning naming file, line and byte;
// a line longer than --max-line-bytes (default: the 32-bit offset limit) is
// refused with an error naming file and line and skipped without being held in
// memory; the other lines are still checked.
//
// --jobs N (default: every core) checks batches of lines on N worker threads,
// each with its own Checker and Checker::Scratch, while the main
// thread reads the input and writes each batch's output and messages in input
// order: the output is byte for byte that of --jobs 1, which checks each batch
// on the main thread, with no other thread. At most 2N batches are in flight, so
// memory stays flat. Threads are for the native command line only: nothing under
// wasm/engine or wasm/binding uses them.
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "checker.h"
#include "compiled_rules.h"
#include "embedded_rules.h"
#include "json.h"
#include "rule_pack.h"
#include "rule_text.h"
#include "utf.h"

using namespace chatlint;

namespace {

const char kUsage[] =
    "usage: chatlint check --platform P [--jsonl] [--format json|text] [--rules FILE.clp]\n"
    "                      [--custom-rules FILE.rules] [--allow WORD]... [--max-line-bytes N]\n"
    "                      [--jobs N] [FILE...]\n"
    "       chatlint rules --platform P [--format json|text] [--rules FILE.clp] [--custom-rules FILE.rules]\n"
    "       chatlint --version\n"
    "\n"
    "  check   reads one message per line (--jsonl: JSON Lines with a \"text\" field) from\n"
    "          FILEs or standard input ('-'), writes one JSON object per line (--format text:\n"
    "          the message with matches marked and the reasons under it).\n"
    "          Exit 0: nothing blocks; 1: a message has a block finding; 2: usage/input error.\n"
    "          --max-line-bytes N refuses (exit 2, naming file and line) longer lines;\n"
    "          default and maximum 4294967295 (offsets are 32-bit).\n"
    "          --jobs N checks on N threads (default: every core; 1: no extra thread);\n"
    "          the output is the same, in input order.\n"
    "  rules   lists the rules in force on the platform.\n"
    "  --custom-rules FILE adds your own rules and allowed words, written as in rules/\n"
    "          ([id] blocks with category, severity, words, message; allow: lines first).\n"
    "\n";

// The usage text; the platforms come from the engine's one list.
std::string Usage() { return kUsage + std::string("  platforms: ") + PlatformList() + "\n"; }

int UsageError(const std::string& msg) {
  std::fprintf(stderr, "chatlint: %s\n\n%s", msg.c_str(), Usage().c_str());
  return 2;
}

// --jobs: at most this many threads (each holds a Checker); by default every core.
constexpr unsigned kMaxJobs = 256;
unsigned DefaultJobs() { return std::clamp(std::thread::hardware_concurrency(), 1u, kMaxJobs); }

struct Args {
  std::string command;
  bool have_platform = false;
  Platform platform = Platform::kGeneric;
  bool jsonl = false;
  bool text_format = false;
  std::string rules_file;
  std::string custom_rules_file;
  std::vector<std::string> allow;
  std::vector<std::string> files;
  uint64_t max_line_bytes = Checker::kMaxMessageUnits;
  unsigned jobs = DefaultJobs();
};

// Reads lines of any length without holding more than `max` bytes of one: the
// rest of a longer line is read and dropped (so a 5 GB line cannot exhaust
// memory), and the caller is told how long it really was.
class LineReader {
 public:
  LineReader(FILE* f, uint64_t max) : f_(f), max_(max) {}
  // False at the end of the input. Appends the line, without its '\n', to `data`
  // (at most `max` bytes of it); `length` is the line's full length in bytes, more
  // than `max` when it was cut.
  bool Next(std::string* data, uint64_t* length) {
    *length = 0;
    bool any = false;
    for (;;) {
      if (pos_ == end_) {
        end_ = std::fread(buf_, 1, sizeof buf_, f_);
        pos_ = 0;
        if (end_ == 0) return any;
      }
      any = true;
      const char* start = buf_ + pos_;
      const char* nl = static_cast<const char*>(std::memchr(start, '\n', end_ - pos_));
      const size_t n = nl ? static_cast<size_t>(nl - start) : end_ - pos_;
      if (*length < max_) data->append(start, static_cast<size_t>(std::min<uint64_t>(n, max_ - *length)));
      *length += n;
      pos_ += n;
      if (nl) {
        ++pos_;
        return true;
      }
    }
  }

 private:
  FILE* f_;
  uint64_t max_;
  char buf_[1 << 16];
  size_t pos_ = 0, end_ = 0;
};

// Byte offset of the first invalid UTF-8 sequence, or npos.
size_t FirstInvalidUtf8(std::string_view s) {
  size_t at = std::string_view::npos;
  DecodeUtf8(s, [&](const DecodedChar& d) {
    // The decoder turns each invalid byte into a one-byte U+FFFD (a real one is 3 bytes).
    if (at == std::string_view::npos && d.cp == 0xFFFD && d.byte_end - d.byte_begin == 1) at = d.byte_begin;
  });
  return at;
}

// Buffered standard output (one fwrite per 64 KiB, not per line).
class Output {
 public:
  ~Output() { Flush(); }
  std::string& buf() { return buf_; }
  void MaybeFlush() { if (buf_.size() >= (1 << 16)) Flush(); }
  void Flush() {
    if (!buf_.empty()) std::fwrite(buf_.data(), 1, buf_.size(), stdout);
    buf_.clear();
    std::fflush(stdout);
  }
 private:
  std::string buf_;
};

// Progress on standard error, only when it is a terminal and the input is large.
class Progress {
 public:
  Progress() : enabled_(isatty(2)), start_(Clock::now()), last_(start_) {}
  // Called once per batch of lines written.
  void Update(size_t lines, size_t bytes) {
    if (!enabled_ || bytes < (1u << 20)) return;
    auto now = Clock::now();
    if (now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    double secs = std::chrono::duration<double>(now - start_).count();
    std::fprintf(stderr, "\rchatlint: %zu lines, %.1f MB, %.1f MB/s   ", lines, bytes / 1e6, bytes / 1e6 / secs);
    shown_ = true;
  }
  void Done() { if (shown_) std::fprintf(stderr, "\r%60s\r", ""); }
 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_, shown_ = false;
  Clock::time_point start_, last_;
};

Status ReadWholeFile(const std::string& path, const char* what, std::string* data) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Status::Error(std::string("cannot open ") + what + " '" + path + "': " + std::strerror(errno));
  char chunk[1 << 16];
  size_t n;
  while ((n = std::fread(chunk, 1, sizeof chunk, f)) > 0) data->append(chunk, n);
  std::fclose(f);
  return Status();
}

Status LoadPack(const Args& a, RulePack* pack) {
  if (a.rules_file.empty()) return pack->Deserialize(EmbeddedRulePack());
  std::string data;
  Status s = ReadWholeFile(a.rules_file, "rule pack", &data);
  if (!s.ok()) return s;
  s = pack->Deserialize(data);
  if (!s.ok()) return Status::Error(a.rules_file + ": " + s.error());
  return s;
}

void AppendFindingJson(const Checker& checker, const Finding& f, std::string_view text, std::string* out) {
  const Rule& r = checker.rule(f);
  *out += "{\"start\":" + std::to_string(f.start) + ",\"end\":" + std::to_string(f.end) + ",\"match\":";
  AppendJsonString(text.substr(f.byte_start, f.byte_end - f.byte_start), out);
  *out += ",\"ruleId\":";
  AppendJsonString(r.id, out);
  *out += ",\"category\":\"";
  *out += CategoryName(r.category);
  *out += "\",\"severity\":\"";
  *out += SeverityName(r.severity);
  *out += "\",\"message\":";
  AppendJsonString(checker.message(f), out);
  *out += ",\"suggestion\":";
  AppendJsonString(f.suggestion(), out);
  *out += ",\"byteStart\":" + std::to_string(f.byte_start) + ",\"byteEnd\":" + std::to_string(f.byte_end) + "}";
}

void AppendText(const Checker& checker, const std::vector<Finding>& fs, std::string_view text, size_t line,
                const std::string& file, bool color, std::string* out) {
  const char* red = color ? "\033[1;31m" : "";
  const char* yellow = color ? "\033[1;33m" : "";
  const char* dim = color ? "\033[2m" : "";
  const char* reset = color ? "\033[0m" : "";
  std::string prefix = (file.empty() ? "" : file + ":") + std::to_string(line) + ": ";
  if (fs.empty()) {
    *out += dim + prefix + std::string(text) + reset + "\n";
    return;
  }
  *out += prefix;
  // Findings of different categories may overlap: mark the union of their spans.
  size_t pos = 0;
  for (size_t i = 0; i < fs.size();) {
    size_t b = fs[i].byte_start, e = fs[i].byte_end;
    bool block = false;
    for (; i < fs.size() && fs[i].byte_start < e; ++i) {  // findings are sorted by start
      e = std::max<size_t>(e, fs[i].byte_end);
      block |= checker.rule(fs[i]).severity == Severity::kBlock;
    }
    out->append(text.substr(pos, b - pos));
    *out += block ? red : yellow;
    *out += "【";
    out->append(text.substr(b, e - b));
    *out += "】";
    *out += reset;
    pos = e;
  }
  out->append(text.substr(pos));
  *out += "\n";
  for (const Finding& f : fs) {
    const Rule& r = checker.rule(f);
    *out += "    ";
    *out += r.severity == Severity::kBlock ? red : yellow;
    *out += SeverityName(r.severity);
    *out += reset;
    *out += " " + std::string(CategoryName(r.category)) + " " + r.id + " 「";
    out->append(text.substr(f.byte_start, f.byte_end - f.byte_start));
    *out += "」 " + checker.message(f) + "\n";
    if (!f.suggestion().empty()) *out += "      建议: " + std::string(f.suggestion()) + "\n";
  }
}

// ---- check: batches of lines, checked in order or on worker threads ----

// Batches are cut at this many lines or bytes (or at the end of a file), whichever
// comes first; a longer line is a batch of its own.
constexpr size_t kBatchLines = 4096;
constexpr size_t kBatchBytes = 1 << 20;
constexpr size_t kMaxWarnings = 20;

// A batch: consecutive lines of one file, read by the main thread, checked by one
// worker (or by the main thread with --jobs 1), and written by the main thread in
// input order with the messages it produced.
struct Batch {
  struct Line {
    size_t begin, size;  // in `data`
    uint64_t length;     // the line's full length: more than --max-line-bytes when refused
  };
  // A message for standard error, in input order. Invalid UTF-8 warnings are
  // counted when written (only the first kMaxWarnings are shown).
  struct Message {
    bool invalid_utf8;
    size_t line, byte;  // invalid_utf8: where
    std::string text;   // otherwise: the whole message
  };
  // Input.
  const std::string* display = nullptr;  // the file's name in messages
  size_t first_line = 0;                  // number of lines[0]
  std::string data;
  std::vector<Line> lines;
  std::string trailer;                    // a read error after the last line ("" if none)
  // Result.
  std::string out;
  std::vector<Message> messages;
  bool any_block = false, input_error = false;
  bool long_line = false;  // a line longer than kBatchBytes is checked
  bool done = false;       // guarded by the pipeline's mutex

  void Clear() {
    // Reused: keep the buffers, unless a long line made one large.
    if (data.capacity() > 4 * kBatchBytes) std::string().swap(data);
    if (out.capacity() > 16 * kBatchBytes) std::string().swap(out);
    data.clear();
    lines.clear();
    trailer.clear();
    out.clear();
    messages.clear();
    any_block = input_error = long_line = done = false;
  }
};

// What every batch is checked with; shared, read-only.
struct CheckContext {
  const Args* args;
  bool color, name_files;
};

// Checks one batch: its output and messages, exactly as the lines would give one by one.
class BatchChecker {
 public:
  // `shrink`: after a line longer than kBatchBytes, free the buffers it grew (a
  // worker, one of N); otherwise keep them, as --jobs 1 always did.
  BatchChecker(const Checker& checker, const CheckContext& ctx, bool shrink)
      : checker_(checker), ctx_(ctx), shrink_(shrink), scratch_(std::make_unique<Checker::Scratch>()) {}

  void Check(Batch& b) {
    const Args& a = *ctx_.args;
    const std::string& display = *b.display;
    for (size_t i = 0; i < b.lines.size(); ++i) {
      const Batch::Line& l = b.lines[i];
      const size_t lineno = b.first_line + i;
      if (l.length > a.max_line_bytes) {
        char msg[256];
        std::snprintf(msg, sizeof msg, ":%zu: line is %llu bytes, longer than --max-line-bytes %llu: not checked\n",
                      lineno, static_cast<unsigned long long>(l.length),
                      static_cast<unsigned long long>(a.max_line_bytes));
        b.messages.push_back({false, 0, 0, "chatlint: " + display + msg});
        b.input_error = true;
        continue;
      }
      std::string_view line(b.data.data() + l.begin, l.size);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      const size_t bad = FirstInvalidUtf8(line);
      if (bad != std::string_view::npos) b.messages.push_back({true, lineno, bad + 1, std::string()});
      std::string_view text = line;
      if (a.jsonl) {
        if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
        std::string err;
        if (!ExtractJsonStringField(line, "text", &message_, &err)) {
          b.messages.push_back({false, 0, 0,
                                "chatlint: " + display + ":" + std::to_string(lineno) +
                                    ": invalid JSON Lines record: " + err + "\n"});
          b.input_error = true;
          continue;
        }
        text = message_;
      }
      checker_.Check(text, &findings_, scratch_.get());
      bool ok = true;
      for (const Finding& fd : findings_)
        if (checker_.rule(fd).severity == Severity::kBlock) ok = false;
      if (!ok) b.any_block = true;
      std::string& o = b.out;
      if (a.text_format) {
        AppendText(checker_, findings_, text, lineno, ctx_.name_files ? display : std::string(), ctx_.color, &o);
      } else {
        o += "{";
        if (ctx_.name_files) { o += "\"file\":"; AppendJsonString(display, &o); o += ","; }
        o += "\"line\":" + std::to_string(lineno) + ",\"ok\":" + (ok ? "true" : "false") + ",\"findings\":[";
        for (size_t k = 0; k < findings_.size(); ++k) {
          if (k) o += ",";
          AppendFindingJson(checker_, findings_[k], text, &o);
        }
        o += "]}\n";
      }
    }
    if (!b.trailer.empty()) {
      b.messages.push_back({false, 0, 0, b.trailer});
      b.input_error = true;
    }
    if (b.long_line && shrink_) {
      // The scratch buffers grew some 20 bytes per byte of the line: free them, so
      // that N workers do not each keep that much.
      scratch_ = std::make_unique<Checker::Scratch>();
      std::vector<Finding>().swap(findings_);
      std::string().swap(message_);
#ifdef __GLIBC__
      malloc_trim(0);  // back to the system, not kept in this thread's arena
#endif
    }
  }

 private:
  const Checker& checker_;
  const CheckContext& ctx_;
  const bool shrink_;
  std::unique_ptr<Checker::Scratch> scratch_;  // this thread's (Check() is const with one)
  std::vector<Finding> findings_;
  std::string message_;
};

// Checks batches on worker threads (started as batches come: a small input starts
// few), each with its own Checker and Scratch, and hands them back in order.
class Pipeline {
 public:
  Pipeline(const RulePack& pack, const Checker::Options& options, const Checker& first, const CheckContext& ctx,
           unsigned jobs)
      : pack_(pack), options_(options), first_(first), ctx_(ctx), jobs_(jobs) {}
  ~Pipeline() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      closing_ = true;
    }
    work_cv_.notify_all();
    for (std::thread& t : threads_) t.join();
  }
  // The most batches in flight (queued, being checked or waiting to be written).
  size_t capacity() const { return 2 * static_cast<size_t>(jobs_); }
  // Queues a batch; starts another worker while there are fewer than --jobs.
  void Submit(Batch* b) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      todo_.push_back(b);
    }
    if (threads_.size() < jobs_) {
      const bool own = !threads_.empty();
      threads_.emplace_back([this, own] { Work(own); });
    }
    work_cv_.notify_one();
  }
  bool Done(const Batch& b) {
    std::lock_guard<std::mutex> lock(mu_);
    return b.done;
  }
  void Wait(const Batch& b) {
    std::unique_lock<std::mutex> lock(mu_);
    done_cv_.wait(lock, [&] { return b.done; });
  }

  // A worker's error, if its Checker failed to build ("" if none; worker 0 checked its batches).
  std::string error() {
    std::lock_guard<std::mutex> lock(mu_);
    return error_;
  }

 private:
  // Worker 0 checks with the caller's Checker, the others build their own (about
  // 1 ms): a Checker is safe to share (each thread with its own Scratch), but the
  // threads then contend for its compiled patterns, and measured on 2 cores --jobs 2
  // was 1.3 times as fast as --jobs 1 with one shared Checker, 1.9 times with one
  // each.
  void Work(bool own) {
    std::unique_ptr<Checker> mine;
    if (own) {
      mine = std::make_unique<Checker>(pack_, options_);
      if (!mine->ok()) {  // the same pack and options built the caller's: not expected
        std::lock_guard<std::mutex> lock(mu_);
        if (error_.empty()) error_ = mine->error();
        return;  // worker 0 checks the batches
      }
    }
    BatchChecker bc(own ? *mine : first_, ctx_, true);
    for (;;) {
      Batch* b;
      {
        std::unique_lock<std::mutex> lock(mu_);
        work_cv_.wait(lock, [&] { return closing_ || !todo_.empty(); });
        if (todo_.empty()) return;
        b = todo_.front();
        todo_.pop_front();
      }
      bc.Check(*b);
      {
        std::lock_guard<std::mutex> lock(mu_);
        b->done = true;  // from here on the batch is the main thread's
      }
      done_cv_.notify_all();
    }
  }

  const RulePack& pack_;
  const Checker::Options& options_;
  const Checker& first_;
  const CheckContext& ctx_;
  const unsigned jobs_;
  std::vector<std::thread> threads_;
  std::mutex mu_;
  std::condition_variable work_cv_, done_cv_;
  std::deque<Batch*> todo_;
  bool closing_ = false;
  std::string error_;
};

int RunCheck(const Args& a, const RulePack& pack, const Checker::Options& options, const Checker& checker) {
  std::vector<std::string> files = a.files;
  if (files.empty()) files.push_back("-");
  std::vector<FILE*> handles;
  for (const std::string& name : files) {
    FILE* f = name == "-" ? stdin : std::fopen(name.c_str(), "rb");
    if (!f) {
      for (FILE* h : handles) if (h != stdin) std::fclose(h);
      std::fprintf(stderr, "chatlint: cannot open '%s': %s\n", name.c_str(), std::strerror(errno));
      return 2;
    }
    handles.push_back(f);
  }
  std::vector<std::string> displays;
  for (const std::string& name : files) displays.push_back(name == "-" ? "<stdin>" : name);
  CheckContext ctx{&a, a.text_format && isatty(1), files.size() > 1};

  Progress progress;
  bool any_block = false, input_error = false;
  size_t total_lines = 0, total_bytes = 0;
  size_t invalid_lines = 0;
  // Writes a checked batch: its messages on standard error, its output on standard output.
  auto write = [&](Batch& b) {
    for (const Batch::Message& m : b.messages) {
      if (!m.invalid_utf8) {
        std::fputs(m.text.c_str(), stderr);
      } else if (++invalid_lines <= kMaxWarnings) {
        std::fprintf(stderr, "chatlint: %s:%zu: invalid UTF-8 at byte %zu (checked as U+FFFD)\n",
                     b.display->c_str(), m.line, m.byte);
      }
    }
    if (!b.out.empty()) std::fwrite(b.out.data(), 1, b.out.size(), stdout);
    any_block |= b.any_block;
    input_error |= b.input_error;
    total_lines += b.lines.size();
    progress.Update(total_lines, total_bytes);
  };

  // --jobs 1: each batch is checked and written here, on this thread.
  std::unique_ptr<BatchChecker> inline_checker;
  std::unique_ptr<Pipeline> pipeline;
  if (a.jobs <= 1) inline_checker = std::make_unique<BatchChecker>(checker, ctx, false);
  else pipeline = std::make_unique<Pipeline>(pack, options, checker, ctx, a.jobs);
  std::deque<std::unique_ptr<Batch>> in_flight;  // in input order
  size_t in_flight_bytes = 0;
  std::vector<std::unique_ptr<Batch>> spare;     // written batches, reused (their buffers stay allocated)
  auto write_first = [&] {
    write(*in_flight.front());
    in_flight_bytes -= in_flight.front()->data.size();
    spare.push_back(std::move(in_flight.front()));
    in_flight.pop_front();
  };
  auto submit = [&](std::unique_ptr<Batch> b) {
    if (inline_checker) {
      inline_checker->Check(*b);
      write(*b);
      spare.push_back(std::move(b));
      return;
    }
    // Bounded: wait for the oldest batch while capacity() batches, or as many
    // batches' worth of bytes, are in flight. A line longer than kBatchBytes is
    // checked alone (checking needs some 20 bytes per byte of it): as with --jobs 1,
    // one such line at a time.
    while (!in_flight.empty() &&
           (in_flight.size() >= pipeline->capacity() || in_flight_bytes >= pipeline->capacity() * kBatchBytes ||
            b->long_line || in_flight.back()->long_line)) {
      pipeline->Wait(*in_flight.front());
      write_first();
    }
    pipeline->Submit(b.get());
    in_flight_bytes += b->data.size();
    in_flight.push_back(std::move(b));
    while (!in_flight.empty() && pipeline->Done(*in_flight.front())) write_first();
  };
  auto fresh = [&](const std::string* display, size_t first_line) {
    std::unique_ptr<Batch> b;
    if (spare.empty()) {
      b = std::make_unique<Batch>();
    } else {
      b = std::move(spare.back());
      spare.pop_back();
      b->Clear();
    }
    b->display = display;
    b->first_line = first_line;
    return b;
  };

  for (size_t fi = 0; fi < files.size(); ++fi) {
    FILE* f = handles[fi];
    const std::string* display = &displays[fi];
    size_t lineno = 0;
    uint64_t len;
    LineReader reader(f, a.max_line_bytes);
    std::unique_ptr<Batch> b = fresh(display, 1);
    for (;;) {
      const size_t begin = b->data.size();
      if (!reader.Next(&b->data, &len)) break;
      ++lineno;
      total_bytes += static_cast<size_t>(len) + 1;
      if (len > a.max_line_bytes) b->data.resize(begin);  // refused: not kept
      b->lines.push_back({begin, b->data.size() - begin, len});
      if (b->data.size() - begin > kBatchBytes) b->long_line = true;
      if (b->lines.size() >= kBatchLines || b->data.size() >= kBatchBytes) {
        submit(std::move(b));
        b = fresh(display, lineno + 1);
      }
    }
    if (std::ferror(f))
      b->trailer = "chatlint: error reading '" + *display + "': " + std::strerror(errno) + "\n";
    if (!b->lines.empty() || !b->trailer.empty()) submit(std::move(b));
    else spare.push_back(std::move(b));
    if (f != stdin) std::fclose(f);
  }
  while (!in_flight.empty()) {
    pipeline->Wait(*in_flight.front());
    write_first();
  }
  if (invalid_lines > kMaxWarnings)
    std::fprintf(stderr, "chatlint: %zu more lines with invalid UTF-8 (checked as U+FFFD)\n",
                 invalid_lines - kMaxWarnings);
  std::fflush(stdout);
  progress.Done();
  if (pipeline) {
    const std::string error = pipeline->error();
    pipeline.reset();
    if (!error.empty()) {
      std::fprintf(stderr, "chatlint: %s\n", error.c_str());
      return 2;
    }
  }
  if (input_error) return 2;
  return any_block ? 1 : 0;
}

int RunRules(const Args& a, const Checker& checker) {
  Output out;
  std::string& o = out.buf();
  if (a.text_format) {
    for (const Rule* rule : checker.rules()) {
      const Rule& r = *rule;
      o += r.id + "  " + SeverityName(r.severity) + "  " + CategoryName(r.category) + "\n    " + r.MessageOn(checker.platform()) + "\n";
      if (!r.words.empty()) {
        o += "    words:";
        for (const auto& w : r.words) o += " " + w;
        o += "\n";
      }
      for (const auto& p : r.patterns) o += "    pattern: " + p + "\n";
      for (const auto& d : r.detect) o += "    detect: " + d + "\n";
      if (!r.suggestion.empty() || r.has_replace) o += "    suggestion: " + (r.has_replace ? r.replace : r.suggestion) + "\n";
      out.MaybeFlush();
    }
    return 0;
  }
  for (const Rule* r : checker.rules()) {
    AppendRuleJson(*r, checker.platform(), &o);
    o += "\n";
    out.MaybeFlush();
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return UsageError("missing command");
  Args a;
  a.command = argv[1];
  if (a.command == "--help" || a.command == "-h" || a.command == "help") {
    std::fputs(Usage().c_str(), stdout);
    return 0;
  }
  if (a.command == "--version") {
    std::puts("chatlint 0.1.0");
    return 0;
  }
  if (a.command != "check" && a.command != "rules") return UsageError("unknown command '" + a.command + "'");
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](std::string* out) {  // the option's argument
      if (i + 1 >= argc) return false;
      *out = argv[++i];
      return true;
    };
    std::string v;
    if (arg == "--platform" || arg == "-p") {
      if (!value(&v)) return UsageError("--platform needs a value");
      if (!ParsePlatform(v, &a.platform))
        return UsageError("unknown platform '" + v + "' (expected " + PlatformList() + ")");
      a.have_platform = true;
    } else if (arg == "--jsonl") {
      a.jsonl = true;
    } else if (arg == "--format") {
      if (!value(&v)) return UsageError("--format needs a value");
      if (v == "text") a.text_format = true;
      else if (v != "json") return UsageError("unknown format '" + v + "' (expected json or text)");
    } else if (arg == "--rules") {
      if (!value(&a.rules_file)) return UsageError("--rules needs a file");
    } else if (arg == "--max-line-bytes") {
      if (!value(&v)) return UsageError("--max-line-bytes needs a number");
      char* end = nullptr;
      errno = 0;
      unsigned long long n = std::strtoull(v.c_str(), &end, 10);
      if (v.empty() || v[0] == '-' || *end != '\0' || errno != 0 || n == 0 || n > Checker::kMaxMessageUnits)
        return UsageError("--max-line-bytes takes a number from 1 to " + std::to_string(Checker::kMaxMessageUnits) +
                          ", got '" + v + "'");
      a.max_line_bytes = n;
    } else if (arg == "--jobs" || arg == "-j") {
      if (!value(&v)) return UsageError("--jobs needs a number of threads");
      char* end = nullptr;
      errno = 0;
      unsigned long long n = std::strtoull(v.c_str(), &end, 10);
      if (v.empty() || v[0] == '-' || *end != '\0' || errno != 0 || n == 0 || n > kMaxJobs)
        return UsageError("--jobs takes a number of threads from 1 to " + std::to_string(kMaxJobs) + ", got '" + v +
                          "'");
      a.jobs = static_cast<unsigned>(n);
    } else if (arg == "--custom-rules") {
      if (!value(&v)) return UsageError("--custom-rules needs a file of rules");
      a.custom_rules_file = v;
    } else if (arg == "--allow") {
      if (!value(&v)) return UsageError("--allow needs a word");
      a.allow.push_back(v);
    } else if (arg == "-" || arg[0] != '-') {
      if (a.command == "rules") return UsageError("'rules' takes no files");
      a.files.push_back(arg);
    } else {
      return UsageError("unknown option '" + arg + "'");
    }
  }
  if (!a.have_platform) return UsageError("--platform is required (" + PlatformList() + ")");

  RulePack pack;
  Status s = LoadPack(a, &pack);
  if (!s.ok()) {
    std::fprintf(stderr, "chatlint: %s\n", s.error().c_str());
    return 2;
  }
  Checker::Options opt;
  opt.platform = a.platform;
  if (!a.custom_rules_file.empty()) {
    // The same parser as the packs and the npm package's custom words (rule_text.h).
    std::string text;
    s = ReadWholeFile(a.custom_rules_file, "custom rules", &text);
    if (s.ok()) s = ParseCallerRules(text, a.custom_rules_file, &opt.extra_rules, &opt.allow_words);
    if (!s.ok()) {
      std::fprintf(stderr, "chatlint: %s\n", s.error().c_str());
      return 2;
    }
  }
  opt.allow_words.insert(opt.allow_words.end(), a.allow.begin(), a.allow.end());
  // The platform's rules compiled once, shared by the --jobs workers' checkers (each
  // compiles only its copy of the custom words), patterns compiled once for all.
  CompiledRulesCache compiled(pack);
  opt.compiled = compiled.Get(a.platform, &s);
  if (!s.ok()) {
    std::fprintf(stderr, "chatlint: %s\n", s.error().c_str());
    return 2;
  }
  Checker checker(pack, opt);
  if (!checker.ok()) {
    std::fprintf(stderr, "chatlint: %s\n", checker.error().c_str());
    return 2;
  }
  return a.command == "check" ? RunCheck(a, pack, opt, checker) : RunRules(a, checker);
}
