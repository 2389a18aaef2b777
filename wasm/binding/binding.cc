// The WebAssembly binding: a thin layer between js/ and the engine.
//
// Creation and metadata go through Embind (called once per checker):
//   create(platform, rules) -> session handle, or 0 (lastError() says why)
//   destroy(handle)
//   normalizesToNothing(word) -> true for a word made only of what matching ignores
// The hot path does not: text crosses once per call as UTF-16 code units that JS
// writes straight into the wasm heap, and results come back as a flat array of
// numbers (no per-finding objects to leak):
//   ptr = _chatlint_input(handle, len)   a buffer for len UTF-16 units (valid until the next call)
//   n   = _chatlint_check(handle, len)   findings in _chatlint_results(handle):
//         6 uint32 each: start, end, rule index, suggestion offset, suggestion length, fixable
//         (offset/length into _chatlint_strings(handle) in UTF-16 units; length
//          0xFFFFFFFF: the rule's own suggestion, which JS already has from rulesJson)
//   len = _chatlint_fix(handle, len)     the fixed text in _chatlint_strings(handle)[0, len),
//         the applied findings in _chatlint_results(handle) as for check, count in
//         _chatlint_result_count(handle)
//   ptr = _chatlint_rules_json(handle, index, lenptr)   one rule (or all) as UTF-8 JSON
//   n   = _chatlint_rule_count(handle)
//   n   = _chatlint_warm(handle, budget)  compile patterns ahead of need (idle time)
//
// Memory policy: a session lives until destroy(handle) (the JS Checker's
// dispose()). Everything else is owned by the session and reused across calls.
//
// create()'s `rules`: the caller's custom words and allow words as rule text in the
// syntax of rules/ (js/src/custom_rules.js writes it; ParseCallerRules, the packs'
// own parser, reads it: rules/README.md, "A caller's own rules").
//
// Running out of memory: the module is built without exceptions, so a failed
// allocation cannot be recovered from; it aborts the module (the WebAssembly
// stack is unwound without running destructors, so no later call can be trusted).
// The new_handler below makes that abort say so ("out of memory: ..."), and js/
// (Module.onAbort, js/src/loader.js) retires the module and makes a fresh one for
// the next createChecker(). js/ refuses messages too long to fit up front.
#include <emscripten/bind.h>
#include <emscripten/em_js.h>
#include <emscripten/emscripten.h>
#include <emscripten/heap.h>

#include <memory>
#include <new>
#include <string>
#include <vector>

#include "checker.h"
#include "compiled_rules.h"
#include "embedded_rules.h"
#include "normalizer.h"
#include "rule_json.h"
#include "rule_pack.h"
#include "rule_text.h"
#include "utf.h"

using namespace chatlint;

namespace {

struct Session {
  std::unique_ptr<Checker> checker;
  std::u16string input;
  std::vector<uint32_t> results;
  std::u16string strings;
  std::vector<Finding> findings;
  uint32_t result_count = 0;
  std::string rules_json;
};

std::string g_last_error;

// Aborts the module with a reason js/ shows to the caller. `abort` is the
// Emscripten glue's: it calls Module.onAbort(reason), then throws.
EM_JS(void, chatlint_abort_out_of_memory, (double heap_bytes, double max_bytes), {
  var mb = function(n) { return Math.round(n / 1048576) + ' MB'; };
  abort('out of memory: the engine needed more than the ' + mb(max_bytes) +
        ' of WebAssembly memory it can have (it had ' + mb(heap_bytes) + ')');
});

// Called by operator new when malloc fails (there is nothing to free: it must not return).
void OutOfMemory() {
  chatlint_abort_out_of_memory(static_cast<double>(emscripten_get_heap_size()),
                               static_cast<double>(emscripten_get_heap_max()));
}

const RulePack* BuiltinPack() {
  static RulePack* pack = [] {
    auto* p = new RulePack();
    Status s = p->Deserialize(EmbeddedRulePack());
    if (!s.ok()) g_last_error = "built-in rule pack: " + s.error();
    return p;
  }();
  return pack;
}

// Each platform's rules compiled once (automata, patterns) and shared by every
// checker of that platform: a further createChecker() builds only what its own
// custom words and allow words need.
CompiledRulesCache* BuiltinCache() {
  static CompiledRulesCache* cache = new CompiledRulesCache(*BuiltinPack());
  return cache;
}

// Writes findings to the flat results array; dynamic suggestions go to `strings`
// (after `strings_base` units, which hold the fixed text for fix()).
void WriteResults(Session* s, const std::vector<Finding>& findings) {
  s->results.clear();
  s->result_count = static_cast<uint32_t>(findings.size());
  for (const Finding& f : findings) {
    uint32_t off = 0, len = 0xFFFFFFFF;
    if (f.filled_in) {  // filled in per match ({masked}); otherwise JS has the rule's text
      off = static_cast<uint32_t>(s->strings.size());
      s->strings += Utf16FromUtf8(f.suggestion());
      len = static_cast<uint32_t>(s->strings.size()) - off;
    }
    s->results.insert(s->results.end(), {f.start, f.end, f.rule_index, off, len, f.fixable ? 1u : 0u});
  }
}

uintptr_t Create(const std::string& platform, const std::string& rules) {
  g_last_error.clear();
  const RulePack* pack = BuiltinPack();
  if (!g_last_error.empty()) return 0;
  Checker::Options opt;
  if (!ParsePlatform(platform, &opt.platform)) {
    g_last_error = "unknown platform '" + platform + "' (expected " + PlatformList() + ")";
    return 0;
  }
  // The caller's words as rule text, read by the parser of the packs (rule_text.h).
  Status parsed = ParseCallerRules(rules, "customWords", &opt.extra_rules, &opt.allow_words);
  if (!parsed.ok()) {
    g_last_error = parsed.error();
    return 0;
  }
  Status compiled;
  opt.compiled = BuiltinCache()->Get(opt.platform, &compiled);
  if (!compiled.ok()) {
    g_last_error = compiled.error();
    return 0;
  }
  auto session = std::make_unique<Session>();
  session->checker = std::make_unique<Checker>(*pack, opt);
  if (!session->checker->ok()) {
    g_last_error = session->checker->error();
    return 0;
  }
  return reinterpret_cast<uintptr_t>(session.release());
}

std::string LastError() { return g_last_error; }

// True when `word` is nothing once normalized (only spaces, punctuation, emoji,
// marks...): as a custom or allow word it could never match, and create() refuses
// it. JS asks, word by word, only after create() failed, to name the culprit.
bool NormalizesToNothing(const std::string& word) {
  static const Normalizer* normalizer = new Normalizer();
  return normalizer->NormalizeWord(word).empty();
}

void Destroy(uintptr_t handle) { delete reinterpret_cast<Session*>(handle); }

// One rule (index < count) or all of them (index == 0xFFFFFFFF, as an array).
std::string RulesJson(const Session* s, uint32_t index) {
  const auto& rules = s->checker->rules();
  std::string o;
  if (index < rules.size()) {
    AppendRuleJson(*rules[index], s->checker->platform(), &o);
    return o;
  }
  o = "[";
  for (const Rule* r : rules) {
    if (o.size() > 1) o += ",";
    AppendRuleJson(*r, s->checker->platform(), &o);
  }
  o += "]";
  return o;
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE char16_t* chatlint_input(Session* s, uint32_t len) {
  if (s->input.size() < len) s->input.resize(len);
  return s->input.data();
}

EMSCRIPTEN_KEEPALIVE uint32_t chatlint_check(Session* s, uint32_t len) {
  s->strings.clear();
  s->checker->Check(std::u16string_view(s->input.data(), len), &s->findings);
  WriteResults(s, s->findings);
  return s->result_count;
}

EMSCRIPTEN_KEEPALIVE uint32_t chatlint_fix(Session* s, uint32_t len) {
  s->strings = s->checker->Fix(std::u16string_view(s->input.data(), len), &s->findings);
  const uint32_t fixed_len = static_cast<uint32_t>(s->strings.size());
  WriteResults(s, s->findings);
  return fixed_len;
}

// Rule metadata as JSON (UTF-8) in a buffer owned by the session: one rule
// (index) or all (0xFFFFFFFF). JS asks lazily, for the rules its findings name, so
// a new checker does not serialize 40 KB it may never show.
EMSCRIPTEN_KEEPALIVE const char* chatlint_rules_json(Session* s, uint32_t index, uint32_t* length) {
  s->rules_json = RulesJson(s, index);
  *length = static_cast<uint32_t>(s->rules_json.size());
  return s->rules_json.data();
}

EMSCRIPTEN_KEEPALIVE uint32_t chatlint_rule_count(Session* s) {
  return static_cast<uint32_t>(s->checker->rules().size());
}

// Compiles up to `budget` of the checker's patterns that no message has needed
// yet, so that later checks do not pay for it; returns how many remain. JS calls
// it in idle time after createChecker().
EMSCRIPTEN_KEEPALIVE uint32_t chatlint_warm(Session* s, uint32_t budget) {
  return static_cast<uint32_t>(s->checker->Warm(budget));
}

EMSCRIPTEN_KEEPALIVE uint32_t* chatlint_results(Session* s) { return s->results.data(); }
EMSCRIPTEN_KEEPALIVE uint32_t chatlint_result_count(Session* s) { return s->result_count; }
EMSCRIPTEN_KEEPALIVE char16_t* chatlint_strings(Session* s) { return s->strings.data(); }

}  // extern "C"

EMSCRIPTEN_BINDINGS(chatlint) {
  std::set_new_handler(OutOfMemory);
  emscripten::function("create", &Create);
  emscripten::function("lastError", &LastError);
  emscripten::function("destroy", &Destroy);
  emscripten::function("normalizesToNothing", &NormalizesToNothing);
}
