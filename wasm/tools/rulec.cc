// chatlint-rulec: validates the text rule packs and writes the compiled pack.
//
//   chatlint-rulec --rules rules --out build/rules.clp [--web-out build/rules-web.clp]
//   chatlint-rulec --rules rules --annotate-examples
//
// --web-out also writes the pack without the rules' examples (they are verified
// here and run by the native tests; browsers need not download them).
//
// --annotate-examples rewrites the rule files in place: every flag example
// without 【】 marks gets them around the span(s) its rule reports (the same on
// every platform the rule applies to), so that from then on the example pins
// down what the rule must report. Nothing else in the files changes. An example
// whose spans differ by platform or overlap is left as it is, and named.
//
// Fails (exit 1) with "file:line: rule <id>: field '<f>': <reason>" on the first
// problem: syntax, unknown field, category or platform, bad regex, duplicate
// id, missing message, an example that does not behave as declared.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "checker.h"
#include "rule_pack.h"

using namespace chatlint;

static int Usage() {
  std::fprintf(stderr,
               "usage: chatlint-rulec --rules DIR --out FILE.clp [--web-out FILE.clp]\n"
               "       chatlint-rulec --rules DIR --annotate-examples   (marks each unmarked flag example in place)\n");
  return 2;
}

static bool WriteAtomically(const std::string& path, const std::string& data) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f.write(data.data(), static_cast<std::streamsize>(data.size()));
    if (!f) {
      std::fprintf(stderr, "chatlint-rulec: error: cannot write %s\n", tmp.c_str());
      return false;
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::fprintf(stderr, "chatlint-rulec: error: cannot move %s to %s\n", tmp.c_str(), path.c_str());
    return false;
  }
  return true;
}

static bool ReadLines(const std::string& path, std::vector<std::string>* lines) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  std::string line;
  while (std::getline(f, line)) lines->push_back(line);
  return true;
}

// --annotate-examples: marks every unmarked flag example of `pack` (loaded from
// `dir`, examples verified) in its rule file.
static int AnnotateExamples(const RulePack& pack, const std::string& dir) {
  std::vector<std::unique_ptr<Checker>> checkers;  // by platform, each rule on its own
  for (int p = 0; p < kPlatformCount; ++p) {
    Checker::Options opt;
    opt.platform = static_cast<Platform>(p);
    opt.keep_overlaps = true;
    checkers.push_back(std::make_unique<Checker>(pack, opt));
  }
  struct Edit { int line; std::string text, marked; };
  std::map<std::string, std::vector<Edit>> edits;  // by file
  size_t skipped = 0;
  for (const Rule& r : pack.rules()) {
    for (const RuleExample& e : r.flag) {
      if (!e.spans.empty()) continue;
      std::vector<ExampleSpan> spans;
      bool first = true, agree = true;
      for (int p = 0; p < kPlatformCount && agree; ++p) {
        if (!r.AppliesTo(static_cast<Platform>(p))) continue;
        std::vector<ExampleSpan> here = checkers[p]->RuleSpans(e.text, r.id);
        if (first) spans = here;
        agree = here == spans;
        first = false;
      }
      bool overlap = false;
      for (size_t i = 1; i < spans.size(); ++i) overlap |= spans[i].begin < spans[i - 1].end;
      if (!agree || overlap || spans.empty()) {
        std::fprintf(stderr, "chatlint-rulec: %s:%d: rule %s: flag example '%s' left unmarked: %s\n", r.file.c_str(),
                     e.line, r.id.c_str(), e.text.c_str(),
                     !agree ? "the rule reports different spans on different platforms"
                            : overlap ? "the rule reports overlapping spans" : "the rule reports nothing");
        ++skipped;
        continue;
      }
      edits[r.file].push_back(Edit{e.line, e.text, MarkSpans(e.text, spans)});
    }
  }
  size_t marked = 0;
  for (auto& [file, file_edits] : edits) {
    std::vector<std::string> lines;
    if (!ReadLines(file, &lines)) {
      std::fprintf(stderr, "chatlint-rulec: error: cannot read %s\n", file.c_str());
      return 1;
    }
    for (const Edit& ed : file_edits) {
      // The example's value is the text after 'flag:', trimmed: replace exactly that.
      std::string& line = lines[static_cast<size_t>(ed.line - 1)];
      size_t colon = line.find(':');
      size_t at = colon == std::string::npos ? std::string::npos : line.find(ed.text, colon + 1);
      if (at == std::string::npos) {
        std::fprintf(stderr, "chatlint-rulec: error: %s:%d: the line no longer holds 'flag: %s'\n", file.c_str(),
                     ed.line, ed.text.c_str());
        return 1;
      }
      line.replace(at, ed.text.size(), ed.marked);
      ++marked;
    }
    std::string text;
    for (const std::string& l : lines) text += l + "\n";
    if (!WriteAtomically(file, text)) return 1;
  }
  // The marks must hold: read the rewritten packs back and verify them (examples left unmarked
  // are named above; the build will ask for their marks).
  RulePack again;
  Status s = again.LoadSources(dir);
  if (s.ok()) s = Checker::VerifyExamples(again, /*require_marks=*/false);
  if (!s.ok()) {
    std::fprintf(stderr, "chatlint-rulec: error: after marking: %s\n", s.error().c_str());
    return 1;
  }
  std::printf("chatlint-rulec: marked %zu flag examples in %zu files; %zu left unmarked\n", marked, edits.size(),
              skipped);
  return 0;
}

int main(int argc, char** argv) {
  std::string dir, out, web_out;
  bool annotate = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--rules") && i + 1 < argc) dir = argv[++i];
    else if (!std::strcmp(argv[i], "--out") && i + 1 < argc) out = argv[++i];
    else if (!std::strcmp(argv[i], "--web-out") && i + 1 < argc) web_out = argv[++i];
    else if (!std::strcmp(argv[i], "--annotate-examples")) annotate = true;
    else return Usage();
  }
  if (dir.empty() || (out.empty() && !annotate) || (annotate && !(out.empty() && web_out.empty()))) return Usage();

  RulePack pack;
  Status s = pack.LoadSources(dir);
  // Marks are what --annotate-examples adds, so only the build requires them.
  if (s.ok()) s = Checker::VerifyExamples(pack, /*require_marks=*/!annotate);
  if (!s.ok()) {
    std::fprintf(stderr, "chatlint-rulec: error: %s\n", s.error().c_str());
    return 1;
  }
  if (annotate) return AnnotateExamples(pack, dir);
  // Counted now: the web pack below drops the examples.
  size_t examples = 0;
  for (const Rule& r : pack.rules()) examples += r.flag.size() + r.clean.size();
  std::string blob;
  pack.Serialize(&blob);
  if (!WriteAtomically(out, blob)) return 1;
  if (!web_out.empty()) {
    for (Rule& r : pack.mutable_rules()) {
      r.flag.clear();
      r.clean.clear();
    }
    std::string web;
    pack.Serialize(&web);
    if (!WriteAtomically(web_out, web)) return 1;
  }
  int per_platform[kPlatformCount] = {0};
  for (const Rule& r : pack.rules())
    for (int p = 0; p < kPlatformCount; ++p) per_platform[p] += r.AppliesTo(static_cast<Platform>(p));
  std::printf("chatlint-rulec: %zu rules, %zu examples verified; per platform:", pack.rules().size(), examples);
  for (int p = 0; p < kPlatformCount; ++p) std::printf(" %s %d", PlatformName(static_cast<Platform>(p)), per_platform[p]);
  std::printf("; %s (%zu bytes)\n", out.c_str(), blob.size());
  return 0;
}
