// The command line: output, exit codes and errors, run as a user would.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>
#include <sys/wait.h>

#include "json.h"
#include "test_util.h"

using chatlint_test::TempDir;

namespace {

struct Run {
  std::string out;
  int code = -1;
};

// Runs a shell command and returns its standard output (and standard error, when
// `merge_stderr`) and exit code.
Run Shell(const std::string& cmd, bool merge_stderr = true) {
  Run r;
  FILE* p = popen((cmd + (merge_stderr ? " 2>&1" : " 2>/dev/null")).c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// Runs the CLI with `args`, feeding `input` on standard input (stderr merged when asked).
Run Cli(const std::string& args, const std::string& input, bool merge_stderr = false) {
  TempDir dir;
  const std::string in = dir.Write("in.txt", input);
  return Shell(std::string(CHATLINT_CLI) + " " + args + " < '" + in + "'", merge_stderr);
}

// Every platform pack but generic.rules: the tests' packs include generic.rules from them.
const char* const kPlatformsButGeneric[] = {"pdd", "taobao", "tmall", "jd", "douyin", "kuaishou"};

}  // namespace

TEST_CASE("cli: 加我微信 on pdd is an offsite_platform finding over 微信, exit 1") {
  Run r = Cli("check --platform pdd", "加我微信\n");
  CHECK(r.code == 1);
  CHECK_THAT(r.out, Catch::StartsWith("{\"line\":1,\"ok\":false,\"findings\":["));
  CHECK_THAT(r.out, Catch::Contains("{\"start\":2,\"end\":4,\"match\":\"微信\",\"ruleId\":\"offsite.wechat\","
                                    "\"category\":\"offsite_platform\",\"severity\":\"block\""));
}

TEST_CASE("cli: ordinary replies exit 0") {
  Run r = Cli("check --platform pdd", "亲,最近天气转凉\n");
  CHECK(r.code == 0);
  CHECK(r.out == "{\"line\":1,\"ok\":true,\"findings\":[]}\n");
}

TEST_CASE("cli: 宝贝 is fine on taobao and flagged on pdd") {
  Run taobao = Cli("check --platform taobao", "这个宝贝下午发货\n");
  CHECK(taobao.code == 0);
  CHECK(taobao.out == "{\"line\":1,\"ok\":true,\"findings\":[]}\n");
  Run pdd = Cli("check --platform pdd", "这个宝贝下午发货\n");
  CHECK(pdd.code == 1);
  CHECK_THAT(pdd.out, Catch::Contains("\"match\":\"宝贝\"") && Catch::Contains("\"category\":\"platform_term\""));
}

TEST_CASE("cli: douyin and kuaishou: their own names are fine on them, their own rules and wording apply") {
  Run douyin = Cli("check --platform douyin", "抖音支付可以用,飞鸽有问题随时找我\n");
  CHECK(douyin.code == 0);
  CHECK(douyin.out == "{\"line\":1,\"ok\":true,\"findings\":[]}\n");
  Run kuaishou = Cli("check --platform kuaishou --format text", "抖音支付可以用\n我说好几遍了,你有病吧\n");
  CHECK(kuaishou.code == 1);
  CHECK_THAT(kuaishou.out, Catch::Contains("1: 【抖音】支付可以用") && Catch::Contains("offsite.douyin") &&
                               !Catch::Contains("douyin.rebuke"));
  Run rebuke = Cli("check --platform douyin --format text", "我说好几遍了\n");
  CHECK_THAT(rebuke.out, Catch::Contains("1: 【我说好几遍】了") && Catch::Contains("douyin.rebuke") &&
                             Catch::Contains("抖店飞鸽"));
}

TEST_CASE("cli: one JSON object per input line, offsets in UTF-16 units") {
  Run r = Cli("check --platform pdd", "你好\n\n😀请拍微信同款\r\n");
  CHECK(r.code == 1);
  CHECK_THAT(r.out, Catch::StartsWith("{\"line\":1,\"ok\":true,\"findings\":[]}\n{\"line\":2,\"ok\":true,\"findings\":[]}\n"
                                      "{\"line\":3,\"ok\":false,\"findings\":[{\"start\":4,\"end\":6,\"match\":\"微信\""));
  size_t lines = 0;
  for (char c : r.out) lines += c == '\n';
  CHECK(lines == 3);
}

TEST_CASE("cli: --format text marks the matches and gives the reasons") {
  Run r = Cli("check --platform pdd --format text", "请拍微信同款\n你好\n加我微信\n");
  CHECK(r.code == 1);
  CHECK_THAT(r.out, Catch::Contains("1: 请拍【微信】同款") && Catch::Contains("offsite_platform") && Catch::Contains("2: 你好"));
  CHECK_THAT(r.out, Catch::Contains("3: 【加我】【微信】"));
}

TEST_CASE("cli: --jsonl reads the text field, a broken record is exit 2 naming the line") {
  Run ok = Cli("check --platform pdd --jsonl", "{\"id\":7,\"text\":\"加我\\u5fae\\u4fe1\"}\n");
  CHECK(ok.code == 1);
  CHECK_THAT(ok.out, Catch::Contains("\"match\":\"微信\""));
  Run bad = Cli("check --platform pdd --jsonl", "{\"text\":\"你好\"}\n{\"text\": 5}\n{\"text\":\"加我微信\"}\n", true);
  CHECK(bad.code == 2);
  CHECK_THAT(bad.out, Catch::Contains("<stdin>:2: invalid JSON Lines record: field \"text\" is not a string"));
  CHECK_THAT(bad.out, Catch::Contains("\"line\":3,\"ok\":false"));  // the rest is still checked
}

TEST_CASE("cli: usage errors exit 2 with a clear message") {
  Run r = Cli("check --platform weibo", "", true);
  CHECK(r.code == 2);
  CHECK_THAT(r.out, Catch::Contains("unknown platform 'weibo' (expected pdd, taobao, tmall, jd, douyin, kuaishou, generic)"));
  CHECK_THAT(r.out, Catch::Contains("platforms: pdd, taobao, tmall, jd, douyin, kuaishou, generic"));
  r = Cli("check", "", true);
  CHECK(r.code == 2);
  CHECK_THAT(r.out, Catch::Contains("--platform is required"));
  r = Cli("check --platform pdd /nonexistent/chat.txt", "", true);
  CHECK(r.code == 2);
  CHECK_THAT(r.out, Catch::Contains("cannot open '/nonexistent/chat.txt'"));
  r = Cli("frobnicate", "", true);
  CHECK(r.code == 2);
  r = Cli("check --platform pdd --format xml", "", true);
  CHECK(r.code == 2);
}

TEST_CASE("cli: several files are named in the output") {
  TempDir dir;
  std::string a = dir.Write("a.txt", "你好\n"), b = dir.Write("b.txt", "加我微信\n");
  Run r = Cli("check --platform pdd " + a + " " + b, "");
  CHECK(r.code == 1);
  CHECK_THAT(r.out, Catch::Contains("\"file\":\"" + a + "\",\"line\":1,\"ok\":true") &&
                        Catch::Contains("\"file\":\"" + b + "\",\"line\":1,\"ok\":false"));
}

TEST_CASE("cli: --allow words are never flagged") {
  Run r = Cli("check --platform pdd --allow 微信", "加我微信\n");
  CHECK_THAT(r.out, !Catch::Contains("\"match\":\"微信\""));
}

TEST_CASE("cli: --custom-rules adds a shop's own rules and allow words, in the packs' syntax; errors name file and line") {
  TempDir dir;
  const std::string rules = dir.Write("shop.rules",
                                      "# our rivals\nallow: 抖商学院\n[shop.rival]\ncategory: offsite_platform\n"
                                      "severity: block\nwords: 抖商 | 快团团\nmessage: 不要提竞品平台\nreplace: 平台\n");
  Run r = Cli("check --platform jd --custom-rules '" + rules + "'", "去抖 商看看\n报名抖商学院\n");
  CHECK(r.code == 1);
  CHECK_THAT(r.out, Catch::StartsWith("{\"line\":1,\"ok\":false,\"findings\":[{\"start\":1,\"end\":4,\"match\":\"抖 商\","
                                      "\"ruleId\":\"shop.rival\",\"category\":\"offsite_platform\",\"severity\":\"block\","
                                      "\"message\":\"不要提竞品平台\",\"suggestion\":\"平台\""));
  CHECK_THAT(r.out, Catch::Contains("{\"line\":2,\"ok\":true,\"findings\":[]}"));
  Run listed = Cli("rules --platform jd --custom-rules '" + rules + "'", "");
  CHECK_THAT(listed.out, Catch::Contains("\"id\":\"shop.rival\""));
  CHECK_THAT(listed.out, Catch::Contains("\"source\":\"custom\""));
  const std::string bad = dir.Write("bad.rules", "[shop.x]\ncategory: offsite_platform\nseverity: fatal\n");
  Run e = Cli("check --platform jd --custom-rules '" + bad + "'", "你好\n", true);
  CHECK(e.code == 2);
  CHECK_THAT(e.out, Catch::Contains("bad.rules:3: rule shop.x: field 'severity': unknown severity 'fatal'"));
  Run missing = Cli("check --platform jd --custom-rules /nonexistent/x.rules", "你好\n", true);
  CHECK(missing.code == 2);
  CHECK_THAT(missing.out, Catch::Contains("cannot open custom rules '/nonexistent/x.rules'"));
}

TEST_CASE("cli: rules lists the rules in force per platform") {
  Run pdd = Cli("rules --platform pdd", "");
  Run taobao = Cli("rules --platform taobao", "");
  CHECK(pdd.code == 0);
  CHECK_THAT(pdd.out, Catch::Contains("\"category\":\"platform_term\",\"severity\":\"block\",\"platforms\":[\"pdd\"],\"words\":["));
  // Every line is one well-formed JSON object (the parser rejects trailing junk).
  size_t lines = 0, pos = 0;
  std::string v, err;
  while (pos < pdd.out.size()) {
    size_t nl = pdd.out.find('\n', pos);
    std::string line = pdd.out.substr(pos, nl - pos);
    INFO(line);
    CHECK(chatlint::ExtractJsonStringField(line, "id", &v, &err));
    ++lines;
    pos = nl + 1;
  }
  CHECK(lines > 50);
  CHECK_THAT(taobao.out, !Catch::Contains("\"category\":\"platform_term\""));
}

TEST_CASE("cli: --rules loads a compiled pack, a corrupt one is exit 2") {
  TempDir dir;
  std::string rules = dir.path() + "/rules";
  dir.Write("rules/generic.rules", "[x.only]\ncategory: abuse\nseverity: warn\nwords: 笨蛋\nmessage: m\n"
                                   "message.jd: 京东的说法\nsource: s\nflag: 【笨蛋】\n");
  for (const char* p : kPlatformsButGeneric) dir.Write(std::string("rules/") + p + ".rules", "include generic.rules\n");
  std::string clp = dir.path() + "/x.clp";
  REQUIRE(std::system((std::string(CHATLINT_RULEC) + " --rules " + rules + " --out " + clp + " >/dev/null").c_str()) == 0);
  Run r = Cli("check --platform jd --rules " + clp, "你真是笨蛋\n加我微信\n");
  CHECK(r.code == 0);  // warn only, and this pack knows no 微信
  CHECK_THAT(r.out, Catch::Contains("\"ruleId\":\"x.only\""));
  // message.jd is what jd shows, in findings and in the rule list; other platforms show message.
  CHECK_THAT(r.out, Catch::Contains("\"message\":\"京东的说法\""));
  CHECK_THAT(Cli("check --platform jd --format text --rules " + clp, "你真是笨蛋\n").out, Catch::Contains("」 京东的说法"));
  CHECK_THAT(Cli("rules --platform jd --rules " + clp, "").out, Catch::Contains("\"message\":\"京东的说法\""));
  CHECK_THAT(Cli("rules --platform jd --format text --rules " + clp, "").out, Catch::Contains("京东的说法"));
  Run pdd = Cli("check --platform pdd --rules " + clp, "你真是笨蛋\n");
  CHECK_THAT(pdd.out, Catch::Contains("\"message\":\"m\"") && !Catch::Contains("京东的说法"));
  CHECK_THAT(Cli("rules --platform pdd --rules " + clp, "").out, Catch::Contains("\"message\":\"m\""));
  std::string junk = dir.Write("junk.clp", "not a pack");
  Run bad = Cli("check --platform jd --rules " + junk, "x\n", true);
  CHECK(bad.code == 2);
  CHECK_THAT(bad.out, Catch::Contains("not a compiled chatlint rule pack"));
}

TEST_CASE("rulec: a broken pack fails with file, rule id and field") {
  TempDir dir;
  dir.Write("generic.rules", "[x.bad]\ncategory: nonsense\nseverity: warn\nwords: a\nmessage: m\nsource: s\nflag: a\n");
  for (const char* p : kPlatformsButGeneric) dir.Write(std::string(p) + ".rules", "include generic.rules\n");
  Run r = Shell(std::string(CHATLINT_RULEC) + " --rules " + dir.path() + " --out " + dir.path() + "/o.clp");
  CHECK(r.code == 1);
  CHECK_THAT(r.out, Catch::Contains("generic.rules:2: rule x.bad: field 'category': unknown category 'nonsense'"));
}

TEST_CASE("json: string escaping is valid JSON for any bytes") {
  std::string out;
  chatlint::AppendJsonString(std::string("a\"\\\n\x01\xff") + "微", &out);
  CHECK(out == "\"a\\\"\\\\\\n\\u0001\xef\xbf\xbd微\"");
}

TEST_CASE("json: the text field with escapes and surrogate pairs") {
  std::string v, err;
  REQUIRE(chatlint::ExtractJsonStringField(R"({"a":[1,{"b":null}],"text":"\ud83d\ude00\u5fae\n"})", "text", &v, &err));
  CHECK(v == "😀微\n");
  REQUIRE(chatlint::ExtractJsonStringField(R"({"text":"\ud83dx"})", "text", &v, &err));
  CHECK(v == "\xef\xbf\xbdx");  // a lone surrogate becomes U+FFFD, one unit wide
  CHECK_FALSE(chatlint::ExtractJsonStringField(R"({"text":"x"} junk)", "text", &v, &err));
  CHECK_THAT(err, Catch::Contains("trailing characters"));
  CHECK_FALSE(chatlint::ExtractJsonStringField(R"({"other":"x"})", "text", &v, &err));
  CHECK(err == "no \"text\" field");
  CHECK_FALSE(chatlint::ExtractJsonStringField("[1]", "text", &v, &err));
}

TEST_CASE("cli: invalid UTF-8 is checked as U+FFFD with a warning naming the line; the rest is checked") {
  Run r = Cli("check --platform pdd", "亲在的\n\xff\xfe加我\x80微信\n\xe5\xbe\n加我微信\n", true);
  CHECK(r.code == 1);
  CHECK_THAT(r.out, Catch::Contains("<stdin>:2: invalid UTF-8 at byte 1 (checked as U+FFFD)"));
  CHECK_THAT(r.out, Catch::Contains("<stdin>:3: invalid UTF-8 at byte 1"));
  CHECK_THAT(r.out, Catch::Contains("\"line\":1,\"ok\":true"));
  CHECK_THAT(r.out, Catch::Contains("\"line\":4,\"ok\":false"));
  // Line 2: the invalid bytes count one UTF-16 unit each, so 加我 starts at 2 and
  // 微信 (after the stray \x80) at 5; the output stays valid JSON ("\ufffd").
  Run json = Cli("check --platform pdd", "\xff\xfe加我\x80微信\n");
  CHECK_THAT(json.out, Catch::Contains("\"start\":2,\"end\":4,\"match\":\"加我\""));
  CHECK_THAT(json.out, Catch::Contains("\"start\":5,\"end\":7,\"match\":\"微信\""));
  Run quiet = Cli("check --platform pdd", "\xff\n", true);
  CHECK(quiet.code == 0);
}

TEST_CASE("cli: a line longer than --max-line-bytes is refused naming file and line, the others are checked") {
  Run r = Cli("check --platform pdd --max-line-bytes 100", std::string(1000, 'a') + "\n加我微信\n亲\n", true);
  CHECK(r.code == 2);
  CHECK_THAT(r.out, Catch::Contains("<stdin>:1: line is 1000 bytes, longer than --max-line-bytes 100: not checked"));
  CHECK_THAT(r.out, Catch::Contains("\"line\":2,\"ok\":false"));
  CHECK_THAT(r.out, Catch::Contains("\"line\":3,\"ok\":true"));
  CHECK(Cli("check --platform pdd --max-line-bytes 100", std::string(100, 'a') + "\n").code == 0);
  for (const char* bad : {"0", "-5", "abc", "4294967296", "99999999999999999999999"}) {
    Run u = Cli(std::string("check --platform pdd --max-line-bytes ") + bad, "", true);
    CHECK(u.code == 2);
    CHECK_THAT(u.out, Catch::Contains("--max-line-bytes takes a number from 1 to 4294967295"));
  }
}

TEST_CASE("rulec: a good pack reports how many examples it verified, also when it writes the web pack") {
  TempDir dir;
  dir.Write("generic.rules", "[x.good]\ncategory: abuse\nseverity: warn\nwords: 滚\nmessage: m\nsource: s\n"
                             "flag: 你【滚】\nclean: 滚动\nallow: 滚动\n");
  for (const char* p : kPlatformsButGeneric) dir.Write(std::string(p) + ".rules", "include generic.rules\n");
  Run r = Shell(std::string(CHATLINT_RULEC) + " --rules " + dir.path() + " --out " + dir.path() + "/o.clp --web-out " +
                dir.path() + "/w.clp");
  CHECK(r.code == 0);
  CHECK_THAT(r.out, Catch::Contains("1 rules, 2 examples verified"));
}

TEST_CASE("rulec --annotate-examples marks each unmarked flag example with what its rule reports, in place") {
  TempDir dir;
  const std::string pack =
      "# insults\n"
      "[x.rude]\n"
      "category: abuse\n"
      "severity: warn\n"
      "words: 笨蛋 | 滚\n"
      "message: m\n"
      "source: s\n"
      "flag: 你真是笨蛋,滚\n"
      "flag:   你【滚】  \n"
      "clean: 滚动播放\n"
      "allow: 滚动\n";
  const std::string path = dir.Write("generic.rules", pack);
  for (const char* p : kPlatformsButGeneric) dir.Write(std::string(p) + ".rules", "include generic.rules\n");
  Run r = Shell(std::string(CHATLINT_RULEC) + " --rules " + dir.path() + " --annotate-examples");
  CHECK(r.code == 0);
  CHECK_THAT(r.out, Catch::Contains("marked 1 flag examples in 1 files; 0 left unmarked"));
  std::string expected = pack;
  expected.replace(expected.find("你真是笨蛋,滚"), std::string("你真是笨蛋,滚").size(), "你真是【笨蛋】,【滚】");
  CHECK(Shell("cat '" + path + "'").out == expected);
  // Nothing left to mark: a second run changes nothing; the marked pack compiles.
  CHECK_THAT(Shell(std::string(CHATLINT_RULEC) + " --rules " + dir.path() + " --annotate-examples").out,
             Catch::Contains("marked 0 flag examples"));
  CHECK(Shell("cat '" + path + "'").out == expected);
  CHECK(Shell(std::string(CHATLINT_RULEC) + " --rules " + dir.path() + " --out " + dir.path() + "/o.clp").code == 0);
  // It takes no --out (it writes the rule files), and a broken pack is not rewritten.
  CHECK(Shell(std::string(CHATLINT_RULEC) + " --rules " + dir.path() + " --annotate-examples --out x.clp").code == 2);
  dir.Write("generic.rules", pack + "flag: 你好\n");
  Run broken = Shell(std::string(CHATLINT_RULEC) + " --rules " + dir.path() + " --annotate-examples");
  CHECK(broken.code == 1);
  CHECK_THAT(broken.out, Catch::Contains("example '你好' is not flagged"));
  CHECK(Shell("cat '" + path + "'").out == pack + "flag: 你好\n");
}

namespace {

// Standard output, standard error and exit code of one run, kept apart.
struct FullRun {
  std::string out, err;
  int code = -1;
};

FullRun CliFull(const TempDir& dir, const std::string& args, const std::string& stdin_file) {
  const std::string err_file = dir.path() + "/stderr.txt";
  Run r = Shell("{ " + std::string(CHATLINT_CLI) + " " + args + " < '" + stdin_file + "' 2>'" + err_file + "'; }",
                false);
  FullRun f;
  f.out = r.out;
  f.code = r.code;
  f.err = Shell("cat '" + err_file + "'").out;
  return f;
}

// A log of `n` lines mixing clean and flagged replies, invalid UTF-8, lines longer
// than 256 bytes, empty lines, CRLF, and a last line without '\n'.
std::string MixedLog(size_t n, size_t seed) {
  std::string log;
  for (size_t i = 0; i < n; ++i) {
    const std::string k = std::to_string(i * 7 + seed);
    switch ((i * 13 + seed) % 11) {
      case 0: log += "亲,您好,订单" + k + "已经发货了"; break;
      case 1: log += "加我微信" + k + "聊"; break;
      case 2: log += "这个宝贝下午发货\r"; break;
      case 3: break;  // empty
      case 4: log += "我说好几遍了,你有病吧 " + k; break;
      case 5: log += "请拍微信同款,电话 138 0013 " + std::to_string(1000 + i % 9000); break;
      case 6: log += "最近天气转凉,注意保暖"; break;
      case 7: log += "\xff\xfe加我\x80微信" + k; break;  // invalid UTF-8
      case 8: log += std::string(250 + i % 20, 'a') + "微信"; break;  // some longer than 256 bytes
      case 9: log += "ｖｘ：ａｂｃ" + k + " 🐧 " + k; break;
      default: log += "好的,稍等\xe5\xbe"; break;  // a cut character at the end
    }
    if (i + 1 < n) log += "\n";
  }
  return log;
}

// The same as JSON Lines records, with blank lines and broken records among them.
std::string MixedJsonl(size_t n) {
  std::string log;
  const std::string texts[] = {"亲,在的", "加我\\u5fae\\u4fe1", "\\ud83d\\ude00请拍微信同款", "你好\\n世界",
                               "我说好几遍了"};
  for (size_t i = 0; i < n; ++i) {
    if (i % 97 == 5) log += "{\"text\": 5}\n";
    else if (i % 89 == 3) log += "  \n";
    else if (i % 101 == 7) log += "{\"text\":\"\xff坏\"}\n";
    else log += "{\"id\":" + std::to_string(i) + ",\"text\":\"" + texts[i % 5] + "\"}\n";
  }
  return log;
}

}  // namespace

TEST_CASE("cli: --jobs 1, 2 and 8 give the same output, messages and exit code, in input order") {
  TempDir dir;
  // More lines than one batch holds (4096), and more than 20 invalid UTF-8 lines.
  const std::string a = dir.Write("a.txt", MixedLog(12000, 0));
  const std::string b = dir.Write("b.txt", MixedLog(5000, 3));
  const std::string in = dir.Write("in.txt", MixedLog(3000, 5));
  const std::string jsonl = dir.Write("in.jsonl", MixedJsonl(9000));
  const std::string empty = dir.Write("empty.txt", "");
  // Lines longer than a batch (1 MB) are checked one at a time, in order with the others.
  const std::string longs = dir.Write("long.txt", MixedLog(3000, 1) + "\n" + std::string(1200000, 'x') + "加我微信\n" +
                                                      MixedLog(5000, 2) + "\n亲\xff" + std::string(1500000, 'y') +
                                                      "\n" + std::string(1100000, 'z') + "\n你好\n");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"check --platform pdd --max-line-bytes 256", in},
      {"check --platform pdd --max-line-bytes 256 " + a, in},
      {"check --platform pdd " + a, in},
      {"check --platform taobao --format text --max-line-bytes 256 " + a + " - " + empty + " " + b, in},
      {"check --platform pdd --max-line-bytes 256 " + empty + " " + b + " -", in},
      {"check --platform jd --jsonl", jsonl},
      {"check --platform pdd --jsonl " + jsonl + " " + jsonl, empty},
      {"check --platform douyin", empty},
      {"check --platform pdd " + longs + " " + longs, empty},
      {"check --platform pdd --max-line-bytes 1300000 " + longs, empty},
  };
  for (const auto& [args, input] : cases) {
    INFO(args);
    const FullRun one = CliFull(dir, args + " --jobs 1", input);
    CHECK(one.code != -1);
    if (args.find("douyin") == std::string::npos) CHECK(!one.out.empty());
    for (const char* jobs : {"--jobs 2", "--jobs 8", "-j 3", ""}) {
      INFO(jobs);
      const FullRun many = CliFull(dir, args + " " + jobs, input);
      CHECK(many.code == one.code);
      CHECK(many.err == one.err);
      CHECK(many.out.size() == one.out.size());
      CHECK(many.out == one.out);
    }
  }
  // What --jobs 1 gives is what the lines give one by one: a spot check of order and messages.
  const FullRun r = CliFull(dir, "check --platform pdd --max-line-bytes 256 --jobs 8", in);
  CHECK(r.code == 2);
  size_t lines = 0;
  for (char c : r.out) lines += c == '\n';
  size_t refused = 0;
  for (size_t pos = 0; (pos = r.err.find("longer than --max-line-bytes 256", pos)) != std::string::npos; ++pos) ++refused;
  CHECK(refused > 0);
  CHECK(lines + refused == 3000);
  CHECK_THAT(r.out, Catch::StartsWith("{\"line\":1,"));
  CHECK_THAT(r.out, Catch::EndsWith("\n"));
  size_t last = 0;
  bool in_order = true;
  for (size_t pos = 0; (pos = r.out.find("{\"line\":", pos)) != std::string::npos; ++pos) {
    const size_t n = std::stoul(r.out.substr(pos + 8, 12));
    in_order &= n > last;
    last = n;
  }
  CHECK(in_order);
  CHECK(last == 2999);  // line 3000 is longer than 256 bytes
  CHECK_THAT(r.err, Catch::Contains("<stdin>:3000: line is 275 bytes, longer than --max-line-bytes 256: not checked\n"));
  CHECK_THAT(r.err, Catch::Contains("<stdin>:2: invalid UTF-8 at byte 1 (checked as U+FFFD)") &&
                        Catch::Contains("more lines with invalid UTF-8 (checked as U+FFFD)"));
  const FullRun j = CliFull(dir, "check --platform pdd --jsonl --jobs 8", jsonl);
  CHECK(j.code == 2);
  CHECK_THAT(j.err, Catch::Contains("<stdin>:6: invalid JSON Lines record: field \"text\" is not a string"));
  CHECK_THAT(j.out, Catch::StartsWith("{\"line\":1,") && Catch::Contains("{\"line\":9000,"));
}

TEST_CASE("cli: --jobs takes a number of threads, a bad one is exit 2 naming the option") {
  for (const char* bad : {"0", "abc", "-1", "2x", "", "257", "99999999999999999999999"}) {
    INFO(bad);
    Run u = Cli(std::string("check --platform pdd --jobs '") + bad + "'", "加我微信\n", true);
    CHECK(u.code == 2);
    CHECK_THAT(u.out, Catch::Contains("--jobs takes a number of threads from 1 to 256, got '" + std::string(bad) + "'"));
    CHECK_THAT(u.out, !Catch::Contains("\"line\""));
  }
  Run missing = Cli("check --platform pdd --jobs", "加我微信\n", true);
  CHECK(missing.code == 2);
  CHECK_THAT(missing.out, Catch::Contains("--jobs needs a number of threads"));
  Run ok = Cli("check --platform pdd --jobs 256", "加我微信\n");
  CHECK(ok.code == 1);
  CHECK_THAT(ok.out, Catch::StartsWith("{\"line\":1,\"ok\":false"));
  CHECK_THAT(Cli("--help", "").out, Catch::Contains("[--jobs N]") && Catch::Contains("--jobs N checks on N threads"));
}
