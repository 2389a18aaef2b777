// Fuzz target: the rule-pack text parser and compiler, and the compiled-pack reader,
// on arbitrary input. Every input must give an error or a pack that works.
//
// Text mode (any input not starting with "CLPK"): the input is written as pdd.rules
// into a scratch folder where taobao.rules and jd.rules include it and tmall.rules and
// generic.rules include a small valid shared/base.rules (which the input may include
// too), then RulePack::LoadSources(folder) reads it, as chatlint-rulec does.
// An include that leaves the folder ("..", absolute paths) is not fuzzed: rule packs
// are the developers' own files, and /dev/zero would only show that reading it hangs.
// If the pack loads:
//   - every rule passes ValidateRule, has a unique id and a platform set within the five;
//   - Serialize -> Deserialize -> Serialize gives the same bytes;
//   - a Checker per platform builds or gives an error (a word can be empty after
//     normalization, e.g. "!!!"); one that builds checks every example of the pack,
//     the input itself and a few replies with the invariants of fuzz_util.h;
//   - Checker::VerifyExamples runs to an answer.
// Binary mode (input starts with "CLPK", the compiled form `chatlint --rules` loads):
// Deserialize gives an error or a pack whose re-serialization is a fixed point, and
// checkers built from it (errors allowed: a compiled pack is not re-validated) check
// the same messages without breaking an invariant.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <set>
#include <string>

#include "checker.h"
#include "fuzz_util.h"
#include "rule_pack.h"

using namespace chatlint;
using namespace chatlint_fuzz;

namespace {

const char kBase[] =
    "[base.wechat]\n"
    "category: offsite_platform\n"
    "severity: block\n"
    "words: 微信 | vx\n"
    "homophones: yes\n"
    "allow: 微信支付\n"
    "message: 不能提微信\n"
    "suggestion: 请在平台内沟通\n"
    "source: fuzz\n"
    "flag: 加我微信\n"
    "clean: 支持微信支付\n"
    "\n"
    "[base.phone]\n"
    "category: contact_info\n"
    "severity: block\n"
    "pattern: (?:^|[^0-9])(1[3-9][0-9]{9})(?:[^0-9]|$)\n"
    "trigger: <digits:11>\n"
    "replace: {masked}\n"
    "message: 完整手机号\n"
    "source: fuzz\n"
    "flag: 电话13812345678\n";

void WriteFile(const std::string& path, std::string_view text) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!f) {
    std::fprintf(stderr, "fuzz_rule_pack: cannot write %s\n", path.c_str());
    std::abort();
  }
}

const std::string& ScratchDir() {
  static const std::string dir = [] {
    const char* tmp = std::getenv("TMPDIR");
    std::string tmpl = std::string(tmp && *tmp ? tmp : "/tmp") + "/chatlint-fuzz-pack-XXXXXX";
    if (!mkdtemp(tmpl.data())) {
      std::perror("fuzz_rule_pack: mkdtemp");
      std::abort();
    }
    const std::string d = tmpl + "/";
    if (std::system(("mkdir -p '" + d + "shared'").c_str()) != 0) std::abort();
    WriteFile(d + "shared/base.rules", kBase);
    WriteFile(d + "taobao.rules", "include pdd.rules\n");
    WriteFile(d + "jd.rules", "# jd\ninclude pdd.rules\n");
    WriteFile(d + "tmall.rules", "include shared/base.rules\n");
    WriteFile(d + "generic.rules", "include shared/base.rules\n");
    WriteFile(d + "douyin.rules", "include shared/base.rules\n");
    WriteFile(d + "kuaishou.rules", "include shared/base.rules\n");
    static std::string for_exit = tmpl;
    std::atexit([] { std::system(("rm -rf '" + for_exit + "'").c_str()); });
    return d;
  }();
  return dir;
}

// Includes that stay in the scratch folder only (see the file comment).
bool IncludesStayInside(std::string_view text) {
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    size_t b = line.find_first_not_of(" \t\r");
    if (b == std::string_view::npos) continue;
    line = line.substr(b);
    if (line.substr(0, 7) != "include") continue;
    if (line.find("..") != std::string_view::npos) return false;
    size_t t = line.find_first_not_of(" \t\r", 7);
    if (t != std::string_view::npos && line[t] == '/') return false;
  }
  return true;
}

void CheckMessages(const RulePack& pack, std::string_view input) {
  std::vector<std::string> messages = {"加我微信", "亲,这款宝贝是全网最好的,电话13812345678", "ｖｘ：abc123 好评返现"};
  for (const Rule& r : pack.rules()) {
    for (const RuleExample& e : r.flag) messages.push_back(e.text);
    for (const RuleExample& e : r.clean) messages.push_back(e.text);
  }
  if (input.size() <= 512) messages.emplace_back(input);
  static Normalizer norm;
  std::vector<Finding> findings, applied;
  for (int p = 0; p < kPlatformCount; ++p) {
    Checker::Options opt;
    opt.platform = static_cast<Platform>(p);
    Checker checker(pack, opt);
    if (!checker.ok()) {
      FUZZ_CHECK(!checker.error().empty(), "a checker that failed says nothing");
      continue;
    }
    for (const Rule* r : checker.rules())
      FUZZ_CHECK(r->AppliesTo(opt.platform), "checker for " + std::string(PlatformName(opt.platform)) +
                                                 " has rule " + r->id + " which does not apply there");
    for (const std::string& m : messages) {
      Where() = std::string(PlatformName(opt.platform)) + ": message " + Hex(m);
      if (!RunCheck(checker, std::string_view(m), &findings)) continue;
      const std::u16string u16 = Utf16FromUtf8(m);
      CheckFindings(checker, norm, u16, &m, findings);
      const std::string fixed = checker.Fix(std::string_view(m), &applied);
      CheckFix(checker, m, findings, applied, fixed);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  RulePack pack;
  std::string blob, blob2;

  if (input.substr(0, 4) == "CLPK") {
    Where() = "compiled pack: Deserialize";
    Status s = pack.Deserialize(input);
    if (!s.ok()) {
      FUZZ_CHECK(pack.rules().empty() || !s.error().empty(), "error without a message");
      return 0;
    }
    pack.Serialize(&blob);
    RulePack again;
    Status s2 = again.Deserialize(blob);
    FUZZ_CHECK(s2.ok(), "a serialized pack does not deserialize: " + s2.error());
    again.Serialize(&blob2);
    FUZZ_CHECK(blob == blob2, "serialization is not a fixed point");
    CheckMessages(pack, std::string_view());
    return 0;
  }

  if (!IncludesStayInside(input)) return -1;  // not added to the corpus
  const std::string& dir = ScratchDir();
  WriteFile(dir + "pdd.rules", input);
  Where() = "text pack: LoadSources";
  Status s = pack.LoadSources(dir);
  if (!s.ok()) {
    FUZZ_CHECK(!s.error().empty(), "error without a message");
    return 0;
  }
  std::set<std::string> ids;
  for (const Rule& r : pack.rules()) {
    Status v = ValidateRule(r, "fuzz");
    FUZZ_CHECK(v.ok(), "a loaded rule fails ValidateRule: " + v.error());
    FUZZ_CHECK(ids.insert(r.id).second, "duplicate id " + r.id + " in a loaded pack");
    FUZZ_CHECK(r.platforms != 0 && (r.platforms & ~kAllPlatforms) == 0, "rule " + r.id + " has platform set " + std::to_string(r.platforms));
  }
  Where() = "text pack: Serialize / Deserialize";
  pack.Serialize(&blob);
  RulePack loaded;
  Status d = loaded.Deserialize(blob);
  FUZZ_CHECK(d.ok(), "the serialized pack does not deserialize: " + d.error());
  FUZZ_CHECK(loaded.rules().size() == pack.rules().size(), "rule count changed in the round trip");
  loaded.Serialize(&blob2);
  FUZZ_CHECK(blob == blob2, "serialize -> deserialize -> serialize changed the bytes");

  CheckMessages(pack, input);
  Where() = "text pack: VerifyExamples";
  Status ve = Checker::VerifyExamples(pack);
  if (!ve.ok()) FUZZ_CHECK(!ve.error().empty(), "error without a message");
  return 0;
}
