// chatlint: the command line, for quality-inspection teams auditing exported chat logs.
//
//   chatlint check --platform pdd [--jsonl] [--format json|text] [--rules FILE.clp]
//                  [--allow WORD]... [FILE...]
//   chatlint rules --platform pdd [--format json|text] [--rules FILE.clp]
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
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>
#include <unistd.h>

#include "checker.h"
#include "embedded_rules.h"
#include "json.h"
#include "rule_pack.h"
#include "utf.h"

using namespace chatlint;

namespace {

const char kUsage[] =
    "usage: chatlint check --platform P [--jsonl] [--format json|text] [--rules FILE.clp]\n"
    "                      [--allow WORD]... [FILE...]\n"
    "       chatlint rules --platform P [--format json|text] [--rules FILE.clp]\n"
    "       chatlint --version\n"
    "\n"
    "  check   reads one message per line (--jsonl: JSON Lines with a \"text\" field) from\n"
    "          FILEs or standard input ('-'), writes one JSON object per line (--format text:\n"
    "          the message with matches marked and the reasons under it).\n"
    "          Exit 0: nothing blocks; 1: a message has a block finding; 2: usage/input error.\n"
    "          --max-line-bytes N refuses (exit 2, naming file and line) longer lines;\n"
    "          default and maximum 4294967295 (offsets are 32-bit).\n"
    "  rules   lists the rules in force on the platform.\n"
    "\n";

// The usage text; the platforms come from the engine's one list.
std::string Usage() { return kUsage + std::string("  platforms: ") + PlatformList() + "\n"; }

int UsageError(const std::string& msg) {
  std::fprintf(stderr, "chatlint: %s\n\n%s", msg.c_str(), Usage().c_str());
  return 2;
}

struct Args {
  std::string command;
  bool have_platform = false;
  Platform platform = Platform::kGeneric;
  bool jsonl = false;
  bool text_format = false;
  std::string rules_file;
  std::vector<std::string> allow;
  std::vector<std::string> files;
  uint64_t max_line_bytes = Checker::kMaxMessageUnits;
};

// Reads lines of any length without holding more than `max` bytes of one: the
// rest of a longer line is read and dropped (so a 5 GB line cannot exhaust
// memory), and the caller is told how long it really was.
class LineReader {
 public:
  LineReader(FILE* f, uint64_t max) : f_(f), max_(max) {}
  // False at the end of the input. `line` excludes the '\n'; `length` is the
  // line's full length in bytes, more than `max` when it was cut.
  bool Next(std::string* line, uint64_t* length) {
    line->clear();
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
      if (*length < max_) line->append(start, static_cast<size_t>(std::min<uint64_t>(n, max_ - *length)));
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
  void Update(size_t lines, size_t bytes) {
    if (!enabled_ || (lines & 1023) != 0 || bytes < (1u << 20)) return;
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

Status LoadPack(const Args& a, RulePack* pack) {
  if (a.rules_file.empty()) return pack->Deserialize(EmbeddedRulePack());
  FILE* f = std::fopen(a.rules_file.c_str(), "rb");
  if (!f) return Status::Error("cannot open rule pack '" + a.rules_file + "': " + std::strerror(errno));
  std::string data;
  char chunk[1 << 16];
  size_t n;
  while ((n = std::fread(chunk, 1, sizeof chunk, f)) > 0) data.append(chunk, n);
  std::fclose(f);
  Status s = pack->Deserialize(data);
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
  AppendJsonString(f.suggestion, out);
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
    if (!f.suggestion.empty()) *out += "      建议: " + f.suggestion + "\n";
  }
}

int RunCheck(const Args& a, Checker& checker) {
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
  const bool color = a.text_format && isatty(1);
  const bool name_files = files.size() > 1;
  Output out;
  Progress progress;
  std::vector<Finding> findings;
  std::string message;
  std::string line_buf;
  bool any_block = false, input_error = false;
  size_t total_lines = 0, total_bytes = 0;
  size_t invalid_lines = 0;
  constexpr size_t kMaxWarnings = 20;
  for (size_t fi = 0; fi < files.size(); ++fi) {
    FILE* f = handles[fi];
    const std::string display = files[fi] == "-" ? "<stdin>" : files[fi];
    size_t lineno = 0;
    uint64_t len;
    LineReader reader(f, a.max_line_bytes);
    while (reader.Next(&line_buf, &len)) {
      ++lineno;
      total_bytes += static_cast<size_t>(len) + 1;
      if (len > a.max_line_bytes) {
        std::fprintf(stderr, "chatlint: %s:%zu: line is %llu bytes, longer than --max-line-bytes %llu: not checked\n",
                     display.c_str(), lineno, static_cast<unsigned long long>(len),
                     static_cast<unsigned long long>(a.max_line_bytes));
        input_error = true;
        continue;
      }
      std::string_view line(line_buf);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      const size_t bad = FirstInvalidUtf8(line);
      if (bad != std::string_view::npos && ++invalid_lines <= kMaxWarnings)
        std::fprintf(stderr, "chatlint: %s:%zu: invalid UTF-8 at byte %zu (checked as U+FFFD)\n", display.c_str(),
                     lineno, bad + 1);
      std::string_view text = line;
      if (a.jsonl) {
        if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
        std::string err;
        if (!ExtractJsonStringField(line, "text", &message, &err)) {
          std::fprintf(stderr, "chatlint: %s:%zu: invalid JSON Lines record: %s\n", display.c_str(), lineno, err.c_str());
          input_error = true;
          continue;
        }
        text = message;
      }
      checker.Check(text, &findings);
      bool ok = true;
      for (const Finding& fd : findings)
        if (checker.rule(fd).severity == Severity::kBlock) ok = false;
      if (!ok) any_block = true;
      std::string& o = out.buf();
      if (a.text_format) {
        AppendText(checker, findings, text, lineno, name_files ? display : std::string(), color, &o);
      } else {
        o += "{";
        if (name_files) { o += "\"file\":"; AppendJsonString(display, &o); o += ","; }
        o += "\"line\":" + std::to_string(lineno) + ",\"ok\":" + (ok ? "true" : "false") + ",\"findings\":[";
        for (size_t i = 0; i < findings.size(); ++i) {
          if (i) o += ",";
          AppendFindingJson(checker, findings[i], text, &o);
        }
        o += "]}\n";
      }
      out.MaybeFlush();
      progress.Update(++total_lines, total_bytes);
    }
    if (std::ferror(f)) {
      std::fprintf(stderr, "chatlint: error reading '%s': %s\n", display.c_str(), std::strerror(errno));
      input_error = true;
    }
    if (f != stdin) std::fclose(f);
  }
  if (invalid_lines > kMaxWarnings)
    std::fprintf(stderr, "chatlint: %zu more lines with invalid UTF-8 (checked as U+FFFD)\n",
                 invalid_lines - kMaxWarnings);
  out.Flush();
  progress.Done();
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
  opt.allow_words = a.allow;
  Checker checker(pack, opt);
  if (!checker.ok()) {
    std::fprintf(stderr, "chatlint: %s\n", checker.error().c_str());
    return 2;
  }
  return a.command == "check" ? RunCheck(a, checker) : RunRules(a, checker);
}
