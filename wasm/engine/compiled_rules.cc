#include "compiled_rules.h"

#include <algorithm>
#include <functional>
#include <set>
#include <unordered_set>

#include "unicode_tables.h"

#include "normalizer.h"
#include "pattern_options.h"
#include "pinyin_index.h"
#include "re2/re2.h"
#include "re2/regexp.h"
#include "utf.h"

namespace chatlint {

namespace {
// Latin words this short only match as whole words ("vx" not inside "have x").
constexpr size_t kMaxBoundedLatin = 4;

bool IsLatinWord(std::u32string_view w) {
  bool letter = false;
  for (char32_t c : w) {
    if (c >= 'a' && c <= 'z') letter = true;
    else if (!(c >= '0' && c <= '9')) return false;
  }
  return letter;
}

bool HasHan(std::u32string_view w) {
  for (char32_t c : w)
    if ((c >= 0x3400 && c <= 0x9FFF) || (c >= 0x20000 && c <= 0x3FFFF)) return true;
  return false;
}

// Builds a pattern's prefilter from its parsed regex: what RE2's own prefilter
// (FilteredRE2) computes, simplified. Each sub-expression is either `exact` (the
// few strings it can match, when they are few and known) or a node of the tree
// (a condition any match satisfies). Only literals the normalized text can hold
// as they are become atoms: a case-folded non-ASCII literal, a literal \x1F (the
// digit-break mark RE2's copy has and the normalized text has not), or anything
// unusual makes the sub-expression "anything".
class PrefilterBuilder {
 public:
  explicit PrefilterBuilder(CompiledRules::Prefilter* out) : out_(out) {}

  // Returns the root node index.
  uint32_t Root(re2::Regexp* re) { return ToNode(Walk(re, 0)); }

 private:
  using Op = CompiledRules::Prefilter::Op;
  static constexpr size_t kMaxExact = 16;
  static constexpr int kMaxDepth = 200;

  struct Info {
    bool is_exact = false;
    std::set<std::u32string> exact;
    uint32_t node = 0;  // when !is_exact
  };

  uint32_t NewNode(Op op, uint32_t atom = 0, std::vector<uint32_t> subs = {}) {
    out_->nodes.push_back(CompiledRules::Prefilter::Node{op, atom, std::move(subs)});
    return static_cast<uint32_t>(out_->nodes.size() - 1);
  }
  uint32_t All() {
    if (all_ == kUnset) all_ = NewNode(Op::kAll);
    return all_;
  }
  uint32_t None() {
    if (none_ == kUnset) none_ = NewNode(Op::kNone);
    return none_;
  }
  Info Any() {
    Info i;
    i.node = All();
    return i;
  }
  static Info Exact(std::set<std::u32string> s) {
    Info i;
    i.is_exact = true;
    i.exact = std::move(s);
    return i;
  }
  uint32_t ToNode(const Info& info) {
    if (!info.is_exact) return info.node;
    if (info.exact.empty()) return None();
    std::vector<uint32_t> subs;
    for (const std::u32string& s : info.exact) {
      if (s.empty()) return All();  // the empty string is in every text
      out_->atoms.push_back(s);
      subs.push_back(NewNode(Op::kAtom, static_cast<uint32_t>(out_->atoms.size() - 1)));
    }
    return subs.size() == 1 ? subs[0] : NewNode(Op::kOr, 0, std::move(subs));
  }
  uint32_t And(uint32_t a, uint32_t b) {
    const auto& na = out_->nodes[a];
    const auto& nb = out_->nodes[b];
    if (na.op == Op::kAll) return b;
    if (nb.op == Op::kAll) return a;
    if (na.op == Op::kNone || nb.op == Op::kNone) return None();
    return NewNode(Op::kAnd, 0, {a, b});
  }
  uint32_t Or(const std::vector<uint32_t>& subs) {
    std::vector<uint32_t> kept;
    for (uint32_t s : subs) {
      if (out_->nodes[s].op == Op::kAll) return All();
      if (out_->nodes[s].op != Op::kNone) kept.push_back(s);
    }
    if (kept.empty()) return None();
    if (kept.size() == 1) return kept[0];
    return NewNode(Op::kOr, 0, std::move(kept));
  }

  // A literal as the normalized text would hold it; false when it cannot be an atom.
  static bool LiteralOk(re2::Rune r, bool fold, char32_t* out) {
    if (r == 0x1F) return false;
    if (fold) {
      if (r >= 'A' && r <= 'Z') r += 'a' - 'A';
      else if (r >= 0x80) return false;
    }
    *out = static_cast<char32_t>(r);
    return true;
  }

  Info Walk(re2::Regexp* re, int depth) {
    if (depth > kMaxDepth) return Any();
    const bool fold = (re->parse_flags() & re2::Regexp::FoldCase) != 0;
    switch (re->op()) {
      case re2::kRegexpNoMatch: {
        Info i;
        i.node = None();
        return i;
      }
      case re2::kRegexpEmptyMatch:
      case re2::kRegexpBeginLine:
      case re2::kRegexpEndLine:
      case re2::kRegexpWordBoundary:
      case re2::kRegexpNoWordBoundary:
      case re2::kRegexpBeginText:
      case re2::kRegexpEndText:
        return Exact({std::u32string()});
      case re2::kRegexpLiteral: {
        char32_t c;
        if (!LiteralOk(re->rune(), fold, &c)) return Any();
        return Exact({std::u32string(1, c)});
      }
      case re2::kRegexpLiteralString: {
        std::u32string s;
        for (int k = 0; k < re->nrunes(); ++k) {
          char32_t c;
          if (!LiteralOk(re->runes()[k], fold, &c)) return Any();
          s.push_back(c);
        }
        return Exact({s});
      }
      case re2::kRegexpCharClass: {
        re2::CharClass* cc = re->cc();
        if (cc->size() > 4 || cc->size() <= 0) return cc->size() <= 0 ? Exact({}) : Any();
        std::set<std::u32string> s;
        for (auto it = cc->begin(); it != cc->end(); ++it)
          for (re2::Rune r = it->lo; r <= it->hi; ++r) {
            if (r == 0x1F) return Any();
            s.insert(std::u32string(1, static_cast<char32_t>(r)));
          }
        return Exact(std::move(s));
      }
      case re2::kRegexpCapture:
        return Walk(re->sub()[0], depth + 1);
      case re2::kRegexpPlus: {
        Info i;
        i.node = ToNode(Walk(re->sub()[0], depth + 1));
        return i;
      }
      case re2::kRegexpRepeat: {
        if (re->min() <= 0) return Any();
        Info i;
        i.node = ToNode(Walk(re->sub()[0], depth + 1));
        return i;
      }
      case re2::kRegexpConcat: {
        Info acc = Exact({std::u32string()});
        for (int k = 0; k < re->nsub(); ++k) {
          Info sub = Walk(re->sub()[k], depth + 1);
          if (acc.is_exact && sub.is_exact && acc.exact.size() * sub.exact.size() <= kMaxExact) {
            std::set<std::u32string> cross;
            for (const auto& a : acc.exact)
              for (const auto& b : sub.exact) cross.insert(a + b);
            acc.exact = std::move(cross);
          } else {
            Info m;
            m.node = And(ToNode(acc), ToNode(sub));
            acc = std::move(m);
          }
        }
        return acc;
      }
      case re2::kRegexpAlternate: {
        std::vector<Info> subs;
        bool all_exact = true;
        size_t total = 0;
        for (int k = 0; k < re->nsub(); ++k) {
          subs.push_back(Walk(re->sub()[k], depth + 1));
          all_exact = all_exact && subs.back().is_exact;
          total += subs.back().exact.size();
        }
        if (all_exact && total <= kMaxExact) {
          std::set<std::u32string> s;
          for (const Info& i : subs) s.insert(i.exact.begin(), i.exact.end());
          return Exact(std::move(s));
        }
        std::vector<uint32_t> nodes;
        for (const Info& i : subs) nodes.push_back(ToNode(i));
        Info m;
        m.node = Or(nodes);
        return m;
      }
      default:  // star, quest, any char/byte, have-match: may match anything
        return Any();
    }
  }

  static constexpr uint32_t kUnset = 0xFFFFFFFF;
  CompiledRules::Prefilter* out_;
  uint32_t all_ = kUnset, none_ = kUnset;
};

// The prefilter of a pattern source, or null when it says nothing (matches every text).
std::unique_ptr<CompiledRules::Prefilter> MakePrefilter(const std::string& source) {
  re2::RegexpStatus status;
  re2::Regexp* re = re2::Regexp::Parse(source, static_cast<re2::Regexp::ParseFlags>(PatternOptions().ParseFlags()),
                                       &status);
  if (re == nullptr) return nullptr;
  auto pf = std::make_unique<CompiledRules::Prefilter>();
  PrefilterBuilder builder(pf.get());
  uint32_t root = builder.Root(re);
  re->Decref();
  if (pf->nodes[root].op == CompiledRules::Prefilter::kAll) return nullptr;
  // For each wide kOr, a character each sub needs (an atom's first; an and's first
  // sub's; an or's every sub's): one test of 16 words rules out all the subs at once.
  std::vector<std::vector<char32_t>> needs(pf->nodes.size());
  std::vector<bool> any(pf->nodes.size(), false);  // needs nothing (kAll somewhere)
  std::vector<uint8_t> done(pf->nodes.size(), 0);
  std::function<void(uint32_t)> need = [&](uint32_t i) {
    if (done[i]) return;
    done[i] = 1;
    const CompiledRules::Prefilter::Node& n = pf->nodes[i];
    switch (n.op) {
      case CompiledRules::Prefilter::kAll: any[i] = true; break;
      case CompiledRules::Prefilter::kNone: break;
      case CompiledRules::Prefilter::kAtom: needs[i].push_back(pf->atoms[n.atom][0]); break;
      case CompiledRules::Prefilter::kAnd: {
        // Every sub must pass: the one needing the fewest characters is the best test.
        int best = -1;
        for (uint32_t s : n.subs) {
          need(s);
          if (!any[s] && (best < 0 || needs[s].size() < needs[best].size())) best = static_cast<int>(s);
        }
        if (best < 0) any[i] = true;
        else needs[i] = needs[best];
        break;
      }
      case CompiledRules::Prefilter::kOr:
        for (uint32_t s : n.subs) {
          need(s);
          if (any[s]) any[i] = true;
          needs[i].insert(needs[i].end(), needs[s].begin(), needs[s].end());
        }
        break;
    }
  };
  for (uint32_t i = 0; i < pf->nodes.size(); ++i) {
    need(i);
    CompiledRules::Prefilter::Node& n = pf->nodes[i];
    // The root (whatever it is) and every wide or.
    if (any[i] || !(i == root || (n.op == CompiledRules::Prefilter::kOr && n.subs.size() >= 4))) continue;
    CompiledRules::CharSet set;
    for (char32_t c : needs[i]) set.Add(c);
    n.need.assign(std::begin(set.bits), std::end(set.bits));
  }
  // The root first, so evaluation starts at nodes[0].
  if (root != 0) {
    // Swap root and node 0, fixing references.
    auto fix = [&](uint32_t& i) { i = i == root ? 0 : i == 0 ? root : i; };
    std::swap(pf->nodes[0], pf->nodes[root]);
    for (auto& n : pf->nodes)
      for (uint32_t& s : n.subs) fix(s);
  }
  return pf;
}
}  // namespace

CompiledRules::~CompiledRules() = default;

const CompiledRules::Prefilter* CompiledRules::GetPrefilter(const Pattern& p) {
  if (!p.prefilter_ready.load(std::memory_order_acquire)) {
    std::call_once(p.prefilter_once, [&p] {
      p.prefilter = MakePrefilter(p.source);
      p.prefilter_ready.store(true, std::memory_order_release);
    });
  }
  return p.prefilter.get();
}

const re2::RE2* CompiledRules::GetRe(const Pattern& p) {
  if (!p.re_ready.load(std::memory_order_acquire)) {
    std::call_once(p.re_once, [&p] {
      p.re = std::make_unique<RE2>(p.source, PatternOptions());
      p.re_ready.store(true, std::memory_order_release);
    });
  }
  // Patterns are validated by rulec / ValidateRule; one that still fails matches nothing.
  return p.re->ok() ? p.re.get() : nullptr;
}

namespace {
bool Eval(const CompiledRules::Prefilter& pf, uint32_t node, std::u32string_view text,
          const CompiledRules::CharSet& chars) {
  const CompiledRules::Prefilter::Node& n = pf.nodes[node];
  if (!n.need.empty() && !chars.Intersects(n.need.data())) return false;
  switch (n.op) {
    case CompiledRules::Prefilter::kAll: return true;
    case CompiledRules::Prefilter::kNone: return false;
    case CompiledRules::Prefilter::kAtom: {
      const std::u32string& atom = pf.atoms[n.atom];
      for (char32_t c : atom)
        if (!chars.MayHave(c)) return false;
      return text.find(atom) != std::u32string_view::npos;
    }
    case CompiledRules::Prefilter::kAnd:
      for (uint32_t s : n.subs)
        if (!Eval(pf, s, text, chars)) return false;
      return true;
    case CompiledRules::Prefilter::kOr:
      for (uint32_t s : n.subs)
        if (Eval(pf, s, text, chars)) return true;
      return false;
  }
  return true;
}
}  // namespace

bool CompiledRules::MayMatch(const Prefilter* pf, std::u32string_view text, const CharSet& chars) {
  return pf == nullptr || pf->nodes.empty() || Eval(*pf, 0, text, chars);
}

size_t CompiledRules::Warm(size_t* budget) const {
  size_t remaining = 0;
  for (const PatternRule& pr : patterns_) {
    for (size_t p = 0; p < pr.count; ++p) {
      if (Compiled(pr.patterns[p])) continue;
      if (*budget > 0) {
        GetPrefilter(pr.patterns[p]);
        GetRe(pr.patterns[p]);
        --*budget;
      } else {
        ++remaining;
      }
    }
  }
  return remaining;
}

namespace {
// The normalizer the sets are built with (rule words are normalized like messages).
// One per build: Normalize() fills a cache and is not to be shared across threads.
struct WordNormalizer {
  Normalizer normalizer;
  NormalizedText nt;
  std::u32string operator()(std::string_view word) {
    normalizer.Normalize(word, &nt);
    return nt.chars;
  }
};
}  // namespace

std::shared_ptr<const CompiledRules> CompiledRules::Build(const std::vector<const Rule*>& rules, Platform platform,
                                                          const std::vector<std::string>& allow_words,
                                                          Status* status, PatternStore* shared_patterns) {
  std::shared_ptr<CompiledRules> set(new CompiledRules());
  set->platform_ = platform;
  set->rules_ = rules;
  WordNormalizer normalize;
  PinyinIndex pinyin;
  std::unordered_set<char32_t> sound_keys;  // every key of every sound word
  for (uint32_t index = 0; index < rules.size(); ++index) {
    const Rule& rule = *rules[index];
    const std::string where = rule.file.empty() ? "rule " + rule.id
                                                : rule.file + ":" + std::to_string(rule.line) + ": rule " + rule.id;
    auto add = [&](const std::u32string& w, Entry::Kind kind) {
      set->entries_.push_back(
          Entry{index, kind, kind == Entry::kWord && IsLatinWord(w) && w.size() <= kMaxBoundedLatin});
      set->literal_.Add(w, static_cast<uint32_t>(set->entries_.size() - 1));
    };
    for (const std::string& w : rule.words) {
      std::u32string nw = normalize(w);
      if (nw.empty()) {
        *status = Status::Error(where + ": field 'words': '" + w + "' is empty after normalization");
        return nullptr;
      }
      add(nw, Entry::kWord);
      if (rule.homophones && HasHan(nw)) {
        std::u32string sound;
        for (char32_t c : nw) sound.push_back(pinyin.SoundKey(c));
        sound_keys.insert(sound.begin(), sound.end());
        set->min_sound_len_ = set->min_sound_len_ == 0 ? sound.size() : std::min(set->min_sound_len_, sound.size());
        set->entries_.push_back(Entry{index, Entry::kWord, false});
        set->sound_.Add(sound, static_cast<uint32_t>(set->entries_.size() - 1));
        set->has_sound_ = true;
        std::string spelled = pinyin.Spell(nw);
        if (!spelled.empty()) add(Utf32FromUtf8(spelled), Entry::kWord);
      }
    }
    for (const std::string& a : rule.AllowOn(platform)) {
      std::u32string na = normalize(a);
      if (na.empty()) {
        *status = Status::Error(where + ": field 'allow': '" + a + "' is empty after normalization");
        return nullptr;
      }
      add(na, Entry::kAllow);
    }
    int min_digits = 0;
    for (const std::string& t : rule.triggers) {
      int n;
      if (ParseDigitsTrigger(t, &n)) {
        min_digits = min_digits == 0 ? n : std::min(min_digits, n);
        continue;
      }
      std::u32string nt = normalize(t);
      if (nt.empty()) {
        *status = Status::Error(where + ": field 'trigger': '" + t + "' is empty after normalization");
        return nullptr;
      }
      add(nt, Entry::kTrigger);
    }
    set->pattern_of_rule_.push_back(rule.patterns.empty() ? -1 : static_cast<int32_t>(set->patterns_.size()));
    if (!rule.patterns.empty()) {
      PatternRule pr;
      pr.rule = index;
      pr.count = rule.patterns.size();
      std::shared_ptr<Pattern[]>* shared = shared_patterns ? &(*shared_patterns)[&rule] : nullptr;
      if (shared != nullptr && *shared != nullptr) {
        pr.patterns = *shared;
      } else {
        pr.patterns.reset(new Pattern[pr.count]);
        for (size_t i = 0; i < pr.count; ++i) pr.patterns[i].source = rule.patterns[i];
        if (shared != nullptr) *shared = pr.patterns;
      }
      set->patterns_.push_back(std::move(pr));
    }
    uint32_t kinds = 0;
    for (const std::string& d : rule.detect) {
      NumberScanner::Kind kind;
      if (!NumberScanner::ParseKind(d, &kind)) {
        *status = Status::Error(where + ": field 'detect': unknown detector '" + d + "'");
        return nullptr;
      }
      kinds |= kind;
    }
    if (kinds) {
      set->detectors_.push_back(DetectRule{index, kinds});
      set->detect_kinds_ |= kinds;
    }
    set->min_digits_.push_back(min_digits);
    if (min_digits > 0 && !rule.patterns.empty())
      set->digit_patterns_.push_back(static_cast<uint32_t>(set->patterns_.size() - 1));
  }
  for (const std::string& w : allow_words) {
    std::u32string nw = normalize(w);
    if (nw.empty()) {
      *status = Status::Error("allow word '" + w + "' is empty after normalization (only spaces or punctuation)");
      return nullptr;
    }
    set->entries_.push_back(Entry{kAnyRule, Entry::kGlobalAllow, false});
    set->literal_.Add(nw, static_cast<uint32_t>(set->entries_.size() - 1));
  }
  set->literal_.Build();
  set->sound_.Build();
  if (set->has_sound_) {
    // Which characters of a message can stand for a sound word's key (see MaySound).
    set->sound_chars_.assign(0x10000 / 64, 0);
    auto mark = [&](char32_t c) { set->sound_chars_[c >> 6] |= uint64_t{1} << (c & 63); };
    for (char32_t c = 'a'; c <= 'z'; ++c) mark(c);  // pinyin spelled in Latin letters
    for (char32_t k : sound_keys)
      if (k < 0x10000 && (k < PinyinIndex::kKeyBase || k > 0xF8FF)) mark(k);  // a key that is a character
    if (sound_keys.count(0xFFFD))  // a private-use character reads as U+FFFD (SoundKey)
      for (char32_t c = 0xE000; c <= 0xF8FF; ++c) mark(c);
    for (char32_t c = kPinyinFirst; c < kPinyinEnd; ++c)
      if (const uint32_t syl = pinyin.SyllableOf(c); syl && sound_keys.count(PinyinIndex::KeyOfSyllable(syl))) mark(c);
  }
  *status = Status();
  return set;
}

std::shared_ptr<const CompiledRules> CompiledRulesCache::Get(Platform platform, Status* status) {
  const int p = static_cast<int>(platform);
  std::lock_guard<std::mutex> lock(mu_);
  if (!built_[p]) {
    std::vector<const Rule*> rules;
    for (const Rule& r : pack_.rules())
      if (r.AppliesTo(platform)) rules.push_back(&r);
    sets_[p] = CompiledRules::Build(rules, platform, {}, &errors_[p], &patterns_);
    built_[p] = true;
  }
  if (status) *status = errors_[p];
  return sets_[p];
}

}  // namespace chatlint
