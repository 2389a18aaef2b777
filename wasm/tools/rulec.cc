// chatlint-rulec: validates the text rule packs and writes the compiled pack.
//
//   chatlint-rulec --rules rules --out build/rules.clp
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
  std::fprintf(stderr, "usage: chatlint-rulec --rules DIR --out FILE.clp\n");
  return 2;
}

int main(int argc, char** argv) {
  std::string dir, out;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--rules") && i + 1 < argc) dir = argv[++i];
    else if (!std::strcmp(argv[i], "--out") && i + 1 < argc) out = argv[++i];
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
  std::string blob;
  pack.Serialize(&blob);
  std::string tmp = out + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f.write(blob.data(), static_cast<std::streamsize>(blob.size()));
    if (!f) {
      std::fprintf(stderr, "chatlint-rulec: error: cannot write %s\n", tmp.c_str());
      return 1;
    }
  }
  if (std::rename(tmp.c_str(), out.c_str()) != 0) {
    std::fprintf(stderr, "chatlint-rulec: error: cannot move %s to %s\n", tmp.c_str(), out.c_str());
    return 1;
  }
  int per_platform[kPlatformCount] = {0};
  size_t examples = 0;
  for (const Rule& r : pack.rules()) {
    for (int p = 0; p < kPlatformCount; ++p) per_platform[p] += r.AppliesTo(static_cast<Platform>(p));
    examples += r.flag.size() + r.clean.size();
  }
  std::printf("chatlint-rulec: %zu rules, %zu examples verified; per platform:", pack.rules().size(), examples);
  for (int p = 0; p < kPlatformCount; ++p) std::printf(" %s %d", PlatformName(static_cast<Platform>(p)), per_platform[p]);
  std::printf("; %s (%zu bytes)\n", out.c_str(), blob.size());
  return 0;
}
