// chatlint-rulec: validates the text rule packs and writes the compiled pack.
//
//   chatlint-rulec --rules rules --out build/rules.clp [--web-out build/rules-web.clp]
//
// --web-out also writes the pack without the rules' examples (they are verified
// here and run by the native tests; browsers need not download them).
//
// Fails (exit 1) with "file:line: rule <id>: field '<f>': <reason>" on the first
// problem: syntax, unknown field, category or platform, bad regex, duplicate
// id, missing message, an example that does not behave as declared.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include "checker.h"
#include "rule_pack.h"

using namespace chatlint;

static int Usage() {
  std::fprintf(stderr, "usage: chatlint-rulec --rules DIR --out FILE.clp [--web-out FILE.clp]\n");
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

int main(int argc, char** argv) {
  std::string dir, out, web_out;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--rules") && i + 1 < argc) dir = argv[++i];
    else if (!std::strcmp(argv[i], "--out") && i + 1 < argc) out = argv[++i];
    else if (!std::strcmp(argv[i], "--web-out") && i + 1 < argc) web_out = argv[++i];
    else return Usage();
  }
  if (dir.empty() || out.empty()) return Usage();

  RulePack pack;
  Status s = pack.LoadSources(dir);
  if (s.ok()) s = Checker::VerifyExamples(pack);
  if (!s.ok()) {
    std::fprintf(stderr, "chatlint-rulec: error: %s\n", s.error().c_str());
    return 1;
  }
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
