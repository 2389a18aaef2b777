#include "checker.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <tuple>
#include <unordered_set>

#include "pattern_options.h"
#include "re2/re2.h"
#include "utf.h"

namespace chatlint {

namespace {
constexpr uint32_t kAnyRule = 0xFFFFFFFF;
// Latin words this short only match as whole words ("vx" not inside "have x").
constexpr size_t kMaxBoundedLatin = 4;

bool IsLatinLetter(char32_t c) { return c >= 'a' && c <= 'z'; }
bool IsAsciiDigit(char32_t c) { return c >= '0' && c <= '9'; }

bool IsLatinWord(std::u32string_view w) {
  bool letter = false;
  for (char32_t c : w) {
    if (IsLatinLetter(c)) letter = true;
    else if (!(c >= '0' && c <= '9')) return false;
  }
  return letter;
}

bool HasHan(std::u32string_view w) {
  for (char32_t c : w)
    if ((c >= 0x3400 && c <= 0x9FFF) || (c >= 0x20000 && c <= 0x3FFFF)) return true;
  return false;
}

// The digits of a number with the middle masked: 138****5678 (11 digits or more:
// the first 3 and the last 4 stay), 12****78 (8 to 10: 2 and 2), **** (fewer). At
// least four *, so the fixed text reads as a masked number to a person and to the
// checker (NormalizedText::mask_break): it is never flagged again as a shorter one.
std::string MaskDigits(const std::u32string& chars, uint32_t begin, uint32_t end) {
  std::string digits;
  for (uint32_t i = begin; i < end; ++i)
    if (chars[i] >= '0' && chars[i] <= '9') digits.push_back(static_cast<char>(chars[i]));
  const size_t n = digits.size();
  if (n < 8) return "****";
  const size_t head = n >= 11 ? 3 : 2, tail = n >= 11 ? 4 : 2;
  return digits.substr(0, head) + std::string(std::max<size_t>(4, n - head - tail), '*') + digits.substr(n - tail);
}
}  // namespace

struct Checker::Entry {
  enum Kind : uint8_t { kWord, kAllow, kTrigger, kGlobalAllow };
  uint32_t rule;
  Kind kind;
  bool bounded;  // a short Latin word: needs word boundaries
};

// A rule's patterns, each compiled on first use: most messages trigger none, and
// compiling every RE2 up front would dominate the time to a ready checker. The
// first caller compiles under the pattern's once_flag (others needing it wait);
// after that `compiled` (acquire) lets every caller skip call_once.
struct Checker::PatternRule {
  struct Pattern {
    std::string source;
    mutable std::once_flag once;
    mutable std::atomic<bool> compiled{false};
    mutable std::unique_ptr<RE2> re;  // written once, under `once`
  };
  uint32_t rule = 0;
  size_t count = 0;
  std::unique_ptr<Pattern[]> patterns;

  PatternRule(uint32_t r, const std::vector<std::string>& sources)
      : rule(r), count(sources.size()), patterns(new Pattern[sources.size()]) {
    for (size_t i = 0; i < count; ++i) patterns[i].source = sources[i];
  }

  bool Compiled(size_t i) const { return patterns[i].compiled.load(std::memory_order_acquire); }

  const RE2* Get(size_t i) const {
    const Pattern& p = patterns[i];
    if (!p.compiled.load(std::memory_order_acquire)) {
      std::call_once(p.once, [&p] {
        p.re = std::make_unique<RE2>(p.source, PatternOptions());
        p.compiled.store(true, std::memory_order_release);
      });
    }
    // Patterns are validated by rulec / ValidateRule; one that still fails matches nothing.
    return p.re->ok() ? p.re.get() : nullptr;
  }
};

// Everything one check writes (see Checker::Scratch).
struct Checker::Scratch::Buffers {
  Normalizer normalizer;  // not shared: its per-character fold cache fills as it goes
  NormalizedText nt;
  std::u32string sound_text;
  std::vector<uint32_t> sound_origin;  // sound_text[i] stands for chars [origin[i], origin[i+1])
  std::vector<PinyinIndex::Syllable> syllables;
  std::vector<uint32_t> positions;
  std::vector<Candidate> candidates;
  std::vector<Span> allowed;
  std::vector<uint8_t> triggered;
  std::vector<uint32_t> active;  // pattern rules whose trigger fired
  std::string utf8;
  std::vector<uint32_t> byte_to_char;
  std::vector<uint32_t> number_bounds;
  std::vector<NumberScanner::Match> numbers;
  std::vector<Finding> findings;  // Fix() and RuleSpans()
};

Checker::Scratch::Scratch() : b_(std::make_unique<Buffers>()) {}
Checker::Scratch::~Scratch() = default;
Checker::Scratch::Scratch(Scratch&&) noexcept = default;
Checker::Scratch& Checker::Scratch::operator=(Scratch&&) noexcept = default;

Checker::Checker(const RulePack& pack, const Options& options)
    : platform_(options.platform), keep_overlaps_(options.keep_overlaps) {
  for (const Rule& r : pack.rules()) {
    if (!r.AppliesTo(platform_)) continue;
    status_ = AddRule(r);
    if (!status_.ok()) return;
  }
  std::unordered_set<std::string_view> ids;
  for (const Rule* r : rules_) ids.insert(r->id);
  for (const Rule& r : options.extra_rules) {
    own_rules_.push_back(r);
    Rule& copy = own_rules_.back();
    if (copy.platforms == 0) copy.platforms = kAllPlatforms;
    status_ = ValidateRule(copy, "custom rule", RuleOrigin::kCaller);  // a caller's rule needs no seed or examples
    if (!status_.ok()) return;
    // A set, not a scan of every rule: 50,000 custom words are 50,000 rules.
    if (!ids.insert(copy.id).second) {
      status_ = Status::Error("custom rule " + copy.id + ": field 'id': duplicate id (another rule has it)");
      return;
    }
    status_ = AddRule(copy);
    if (!status_.ok()) return;
  }
  for (const std::string& w : options.allow_words) {
    std::u32string nw = NormalizeWord(w);
    if (nw.empty()) {
      status_ = Status::Error("allow word '" + w + "' is empty after normalization (only spaces or punctuation)");
      return;
    }
    entries_.push_back(Entry{kAnyRule, Entry::kGlobalAllow, false});
    literal_.Add(nw, static_cast<uint32_t>(entries_.size() - 1));
  }
  literal_.Build();
  sound_.Build();
}

Checker::~Checker() = default;

std::u32string Checker::NormalizeWord(std::string_view word) {
  Scratch::Buffers& b = *scratch_.b_;
  b.normalizer.Normalize(word, &b.nt);
  return b.nt.chars;
}

Status Checker::AddRule(const Rule& rule) {
  const uint32_t index = static_cast<uint32_t>(rules_.size());
  const std::string where = rule.file.empty() ? "rule " + rule.id
                                              : rule.file + ":" + std::to_string(rule.line) + ": rule " + rule.id;
  auto add = [&](const std::u32string& w, Entry::Kind kind) {
    entries_.push_back(Entry{index, kind, kind == Entry::kWord && IsLatinWord(w) && w.size() <= kMaxBoundedLatin});
    literal_.Add(w, static_cast<uint32_t>(entries_.size() - 1));
  };
  for (const std::string& w : rule.words) {
    std::u32string nw = NormalizeWord(w);
    if (nw.empty())
      return Status::Error(where + ": field 'words': '" + w + "' is empty after normalization");
    add(nw, Entry::kWord);
    if (rule.homophones && HasHan(nw)) {
      std::u32string sound;
      for (char32_t c : nw) sound.push_back(pinyin_.SoundKey(c));
      entries_.push_back(Entry{index, Entry::kWord, false});
      sound_.Add(sound, static_cast<uint32_t>(entries_.size() - 1));
      has_sound_ = true;
      std::string spelled = pinyin_.Spell(nw);
      if (!spelled.empty()) add(Utf32FromUtf8(spelled), Entry::kWord);
    }
  }
  for (const std::string& a : rule.AllowOn(platform_)) {
    std::u32string na = NormalizeWord(a);
    if (na.empty())
      return Status::Error(where + ": field 'allow': '" + a + "' is empty after normalization");
    add(na, Entry::kAllow);
  }
  int min_digits = 0;
  for (const std::string& t : rule.triggers) {
    int n;
    if (ParseDigitsTrigger(t, &n)) {
      min_digits = min_digits == 0 ? n : std::min(min_digits, n);
      continue;
    }
    std::u32string nt = NormalizeWord(t);
    if (nt.empty())
      return Status::Error(where + ": field 'trigger': '" + t + "' is empty after normalization");
    add(nt, Entry::kTrigger);
  }
  if (!rule.patterns.empty()) {
    patterns_.push_back(std::make_unique<PatternRule>(index, rule.patterns));
  }
  uint32_t kinds = 0;
  for (const std::string& d : rule.detect) {
    NumberScanner::Kind kind;
    if (!NumberScanner::ParseKind(d, &kind))
      return Status::Error(where + ": field 'detect': unknown detector '" + d + "'");
    kinds |= kind;
  }
  if (kinds) {
    detectors_.push_back(DetectRule{index, kinds});
    detect_kinds_ |= kinds;
  }
  min_digits_.push_back(min_digits);
  rules_.push_back(&rule);
  return Status();
}

void Checker::Collect(Scratch::Buffers* scratch) const {
  const NormalizedText& nt = scratch->nt;
  std::vector<Candidate>& candidates = scratch->candidates;
  std::vector<Span>& allowed = scratch->allowed;
  std::vector<uint8_t>& triggered = scratch->triggered;
  std::u32string& sound_text = scratch->sound_text;
  std::vector<uint32_t>& sound_origin = scratch->sound_origin;
  std::vector<PinyinIndex::Syllable>& syllables = scratch->syllables;
  std::vector<uint32_t>& positions = scratch->positions;
  std::vector<uint32_t>& active = scratch->active;
  std::string& utf8 = scratch->utf8;
  std::vector<uint32_t>& byte_to_char = scratch->byte_to_char;
  std::vector<uint32_t>& number_bounds = scratch->number_bounds;
  std::vector<NumberScanner::Match>& numbers = scratch->numbers;
  candidates.clear();
  allowed.clear();
  triggered.assign(rules_.size(), 0);
  const std::u32string& chars = nt.chars;
  const size_t n = chars.size();

  auto bounded_ok = [&](size_t b, size_t e) {
    if (b > 0 && nt.joined[b] && IsLatinLetter(chars[b - 1])) return false;
    if (e < n && nt.joined[e] && IsLatinLetter(chars[e])) return false;
    return true;
  };
  auto on_match = [&](size_t b, size_t e, uint32_t v) {
    const Entry& en = entries_[v];
    switch (en.kind) {
      case Entry::kWord:
        if (en.bounded && !bounded_ok(b, e)) return;
        candidates.push_back(Candidate{static_cast<uint32_t>(b), static_cast<uint32_t>(e), en.rule});
        return;
      case Entry::kAllow:
      case Entry::kGlobalAllow:
        allowed.push_back(Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e), en.rule});
        return;
      case Entry::kTrigger:
        triggered[en.rule] = 1;
        return;
    }
  };
  literal_.Scan(chars, &positions, on_match);

  if (has_sound_) {
    // The message as sound keys: a Han character by its syllable, a run of Latin
    // letters that is pinyin by one key per syllable (京dong = 京东), anything
    // else as itself. sound_origin leads back to normalized chars.
    sound_text.clear();
    sound_origin.clear();
    for (size_t i = 0; i < n;) {
      if (IsLatinLetter(chars[i])) {
        size_t j = i;
        while (j < n && IsLatinLetter(chars[j])) ++j;
        if (pinyin_.Segment(std::u32string_view(chars).substr(i, j - i), &syllables)) {
          size_t at = i;
          for (const auto& syl : syllables) {
            sound_text.push_back(syl.key);
            sound_origin.push_back(static_cast<uint32_t>(at));
            at += syl.length;
          }
        } else {
          for (size_t k = i; k < j; ++k) {
            sound_text.push_back(chars[k]);
            sound_origin.push_back(static_cast<uint32_t>(k));
          }
        }
        i = j;
        continue;
      }
      sound_text.push_back(pinyin_.SoundKey(chars[i]));
      sound_origin.push_back(static_cast<uint32_t>(i));
      ++i;
    }
    sound_origin.push_back(static_cast<uint32_t>(n));
    sound_.Scan(sound_text, &positions, [&](size_t b, size_t e, uint32_t v) {
      on_match(sound_origin[b], sound_origin[e], v);
    });
  }

  if (detect_kinds_ != 0) {
    numbers.clear();
    NumberScanner::Scan(nt, detect_kinds_, &number_bounds, &numbers);
    for (const NumberScanner::Match& m : numbers)
      for (const DetectRule& d : detectors_)
        if (d.kinds & m.kind) candidates.push_back(Candidate{m.begin, m.end, d.rule});
  }

  active.clear();
  for (uint32_t i = 0; i < patterns_.size(); ++i) {
    const uint32_t r = patterns_[i]->rule;
    const int md = min_digits_[r];
    if (triggered[r] || (md > 0 && nt.max_digit_run >= static_cast<uint32_t>(md))) active.push_back(i);
  }
  if (!active.empty()) {
    // Normalized text as UTF-8 for RE2, with a map from bytes back to chars.
    // Where clause punctuation separated two digits, a \x1F marks it, so number
    // patterns see "13812345678\x1F24" rather than one 13-digit run.
    utf8.clear();
    byte_to_char.clear();
    for (size_t i = 0; i < n; ++i) {
      if (i > 0 && nt.digit_break[i] && IsAsciiDigit(chars[i]) && IsAsciiDigit(chars[i - 1])) {
        utf8.push_back('\x1F');
        byte_to_char.push_back(static_cast<uint32_t>(i));
      }
      const size_t before = utf8.size();
      AppendUtf8(chars[i], &utf8);
      byte_to_char.insert(byte_to_char.end(), utf8.size() - before, static_cast<uint32_t>(i));
    }
    byte_to_char.push_back(static_cast<uint32_t>(n));
    const re2::StringPiece text(utf8);

    auto find_spans = [&](const RE2& re, uint32_t rule) {
      re2::StringPiece groups[2];
      const int ngroups = re.NumberOfCapturingGroups() >= 1 ? 2 : 1;
      size_t pos = 0;
      while (pos <= utf8.size() && re.Match(text, pos, utf8.size(), RE2::UNANCHORED, groups, ngroups)) {
        const re2::StringPiece& whole = groups[0];
        const re2::StringPiece& span = (ngroups == 2 && groups[1].data() != nullptr) ? groups[1] : whole;
        size_t b = span.data() - utf8.data(), e = b + span.size();
        if (e > b) candidates.push_back(Candidate{byte_to_char[b], byte_to_char[e - 1] + 1, rule});
        // With a group, the search goes on right after the group, not after the whole
        // match: the context a match consumed after its group ("(?:[^0-9]|$)") may be
        // the context the next match needs before its own (QQ号12345，QQ号67890).
        size_t next = (&span != &whole && e > b) ? e : (whole.data() - utf8.data()) + whole.size();
        if (next <= pos) {
          next = pos + 1;
          while (next < utf8.size() && (static_cast<unsigned char>(utf8[next]) & 0xC0) == 0x80) ++next;
        }
        pos = next;
      }
    };

    // Each active rule's patterns on their own (RE2 runs its DFA first and
    // extracts groups only on a match). Measured and dropped: one RE2::Set over all
    // patterns (its large DFA thrashes its cache on Chinese text and needs megabytes
    // of heap), and a separate no-submatch pass first (a second DFA per regex: more
    // heap and slower).
    for (uint32_t pr : active)
      for (size_t p = 0; p < patterns_[pr]->count; ++p)
        if (const RE2* re = patterns_[pr]->Get(p))
          find_spans(*re, patterns_[pr]->rule);
  }

  if (!allowed.empty() && !candidates.empty()) {
    // Allowed spans grouped by rule and sorted by begin, each with the furthest end
    // reached so far in its group: "is [b, e) covered" is then one binary search,
    // so a 1 MB paste full of 最近 and 最好 stays linear-ish, not quadratic.
    std::sort(allowed.begin(), allowed.end(), [](const Span& a, const Span& b) {
      return a.rule != b.rule ? a.rule < b.rule : a.begin < b.begin;
    });
    for (size_t i = 1; i < allowed.size(); ++i)
      if (allowed[i].rule == allowed[i - 1].rule) allowed[i].end = std::max(allowed[i].end, allowed[i - 1].end);
    auto covered_by = [&](uint32_t rule, const Candidate& c) {
      // Last allowed span of `rule` that begins at or before c.begin.
      auto it = std::upper_bound(allowed.begin(), allowed.end(), Span{c.begin, 0, rule},
                                 [](const Span& key, const Span& a) {
                                   return key.rule != a.rule ? key.rule < a.rule : key.begin < a.begin;
                                 });
      if (it == allowed.begin()) return false;
      --it;
      return it->rule == rule && it->end >= c.end;  // `end` holds the running maximum
    };
    candidates.erase(std::remove_if(candidates.begin(), candidates.end(),
                                     [&](const Candidate& c) { return covered_by(c.rule, c) || covered_by(kAnyRule, c); }),
                      candidates.end());
  }
}

std::string Checker::Resolved(const Rule& rule, const NormalizedText& nt, uint32_t begin, uint32_t end) const {
  if (!rule.has_replace) return rule.suggestion;
  std::string out = rule.replace;
  static const std::string kMasked = "{masked}";
  for (size_t p = out.find(kMasked); p != std::string::npos; p = out.find(kMasked, p)) {
    std::string m = MaskDigits(nt.chars, begin, end);
    out.replace(p, kMasked.size(), m);
    p += m.size();
  }
  return out;
}

void Checker::Resolve(Scratch::Buffers* scratch, std::vector<Finding>* out) const {
  const NormalizedText& nt = scratch->nt;
  out->clear();
  if (scratch->candidates.empty()) return;
  auto& c = scratch->candidates;
  std::sort(c.begin(), c.end(), [&](const Candidate& a, const Candidate& b) {
    uint32_t la = a.end - a.begin, lb = b.end - b.begin;
    if (la != lb) return la > lb;
    Severity sa = rules_[a.rule]->severity, sb = rules_[b.rule]->severity;
    if (sa != sb) return sa > sb;
    if (a.begin != b.begin) return a.begin < b.begin;
    return a.rule < b.rule;
  });
  std::vector<Candidate> kept;
  // Takes cand unless it overlaps a span already taken in `spans` (disjoint, begin -> end):
  // two neighbours of a map answer it.
  auto take = [&kept](std::map<uint32_t, uint32_t>& spans, const Candidate& cand) {
    auto next = spans.lower_bound(cand.begin);
    if (next != spans.end() && next->first < cand.end) return;
    if (next != spans.begin() && std::prev(next)->second > cand.begin) return;
    spans.emplace(cand.begin, cand.end);
    kept.push_back(cand);
  };
  if (keep_overlaps_) {
    // Each rule on its own: overlaps between rules are kept; within one rule they are resolved
    // as below (longest first), so a rule whose words or patterns cover the same text
    // (苏宁 and 苏宁易购) reports it once, as it would if it were the only rule.
    std::map<uint32_t, std::map<uint32_t, uint32_t>> taken;
    for (const Candidate& cand : c) take(taken[cand.rule], cand);
  } else if (c.size() <= 16) {
    // A typical reply: a few candidates, compared pairwise (no allocation).
    for (const Candidate& cand : c) {
      const Category cat = rules_[cand.rule]->category;
      if (std::none_of(kept.begin(), kept.end(), [&](const Candidate& k) {
            return cand.begin < k.end && k.begin < cand.end && rules_[k.rule]->category == cat;
          }))
        kept.push_back(cand);
    }
  } else {
    // Overlaps compete only within a category: 最好 beats 最, 光线下 beats 线下,
    // but 加我微信 is both off-platform trade and another platform's name.
    std::map<uint32_t, uint32_t> taken[kCategoryCount];
    for (const Candidate& cand : c) take(taken[static_cast<int>(rules_[cand.rule]->category)], cand);
  }
  std::sort(kept.begin(), kept.end(), [](const Candidate& a, const Candidate& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  for (const Candidate& k : kept) {
    OffsetMap::Span s = nt.map.Original(k.begin, k.end);
    Finding f;
    f.start = s.u16_begin;
    f.end = s.u16_end;
    f.byte_start = s.byte_begin;
    f.byte_end = s.byte_end;
    f.rule_index = k.rule;
    const Rule& r = *rules_[k.rule];
    f.suggestion = Resolved(r, nt, k.begin, k.end);
    f.fixable = r.has_replace;
    out->push_back(std::move(f));
  }
}

namespace {
Status TooLong(uint64_t size, const char* unit) {
  return Status::Error("message is " + std::to_string(size) + " " + unit + " long; chatlint checks messages of up to " +
                       std::to_string(Checker::kMaxMessageUnits) + " " + unit +
                       " (findings have 32-bit offsets): split it");
}
}  // namespace

Status Checker::Check(std::string_view utf8, std::vector<Finding>* out, Scratch* scratch) const {
  out->clear();
  if (static_cast<uint64_t>(utf8.size()) > kMaxMessageUnits) return TooLong(utf8.size(), "bytes");
  Scratch::Buffers* b = scratch->b_.get();
  b->normalizer.Normalize(utf8, &b->nt);
  Collect(b);
  Resolve(b, out);
  return Status();
}

Status Checker::Check(std::u16string_view utf16, std::vector<Finding>* out, Scratch* scratch) const {
  out->clear();
  if (static_cast<uint64_t>(utf16.size()) > kMaxMessageUnits) return TooLong(utf16.size(), "UTF-16 units");
  Scratch::Buffers* b = scratch->b_.get();
  b->normalizer.Normalize(utf16, &b->nt);
  Collect(b);
  Resolve(b, out);
  return Status();
}

Status Checker::Check(std::string_view utf8, std::vector<Finding>* out) { return Check(utf8, out, &scratch_); }

Status Checker::Check(std::u16string_view utf16, std::vector<Finding>* out) { return Check(utf16, out, &scratch_); }

namespace {
// Findings of different categories may overlap; fix() applies a replacement only
// where it does not overlap one already chosen (longest first, then rightmost).
// The chosen spans are disjoint, so a map from start to end answers "does this
// overlap one" by looking at two neighbours: O(k log k) for k fixable findings.
// Returns them in order of start.
std::vector<const Finding*> FixOrder(const std::vector<Finding>& findings) {
  std::vector<const Finding*> fixable;
  for (const Finding& f : findings)
    if (f.fixable) fixable.push_back(&f);
  std::sort(fixable.begin(), fixable.end(), [](const Finding* a, const Finding* b) {
    if ((a->end - a->start) != (b->end - b->start)) return (a->end - a->start) > (b->end - b->start);
    return a->start > b->start;
  });
  std::map<uint32_t, const Finding*> chosen;  // by start; disjoint spans
  for (const Finding* f : fixable) {
    auto next = chosen.lower_bound(f->start);
    if (next != chosen.end() && next->second->start < f->end) continue;
    if (next != chosen.begin() && std::prev(next)->second->end > f->start) continue;
    chosen.emplace_hint(next, f->start, f);
  }
  std::vector<const Finding*> out;
  out.reserve(chosen.size());
  for (const auto& entry : chosen) out.push_back(entry.second);
  return out;
}

// Copies the text with the chosen findings' spans replaced, in one pass from left
// to right.
template <typename String, typename Offsets, typename Encode>
String ApplyFixes(typename String::const_pointer data, size_t size, const std::vector<Finding>& findings,
                  std::vector<Finding>* applied, Offsets offsets, Encode encode) {
  String out;
  out.reserve(size);
  if (applied) applied->clear();
  size_t pos = 0;
  for (const Finding* f : FixOrder(findings)) {
    auto [begin, end] = offsets(*f);
    out.append(data + pos, begin - pos);
    out += encode(f->suggestion);
    pos = end;
    if (applied) applied->push_back(*f);
  }
  out.append(data + pos, size - pos);
  return out;
}
}  // namespace

std::string Checker::Fix(std::string_view utf8, std::vector<Finding>* applied, Status* status,
                         Scratch* scratch) const {
  std::vector<Finding>& findings = scratch->b_->findings;
  Status s = Check(utf8, &findings, scratch);
  if (status) *status = s;
  return ApplyFixes<std::string>(
      utf8.data(), utf8.size(), findings, applied,
      [](const Finding& f) { return std::pair<size_t, size_t>(f.byte_start, f.byte_end); },
      [](const std::string& s) { return s; });
}

std::u16string Checker::Fix(std::u16string_view utf16, std::vector<Finding>* applied, Status* status,
                            Scratch* scratch) const {
  std::vector<Finding>& findings = scratch->b_->findings;
  Status s = Check(utf16, &findings, scratch);
  if (status) *status = s;
  return ApplyFixes<std::u16string>(
      utf16.data(), utf16.size(), findings, applied,
      [](const Finding& f) { return std::pair<size_t, size_t>(f.start, f.end); },
      [](const std::string& s) { return Utf16FromUtf8(s); });
}

std::string Checker::Fix(std::string_view utf8, std::vector<Finding>* applied, Status* status) {
  return Fix(utf8, applied, status, &scratch_);
}

std::u16string Checker::Fix(std::u16string_view utf16, std::vector<Finding>* applied, Status* status) {
  return Fix(utf16, applied, status, &scratch_);
}

size_t Checker::Warm(size_t budget) const {
  size_t remaining = 0;
  for (const auto& pr : patterns_) {
    for (size_t p = 0; p < pr->count; ++p) {
      if (pr->Compiled(p)) continue;
      if (budget > 0) {
        pr->Get(p);
        --budget;
      } else {
        ++remaining;
      }
    }
  }
  return remaining;
}

namespace {
// Spans as an example would mark them; overlapping ones cannot be marked, so they are listed.
std::string DescribeSpans(const std::string& text, const std::vector<ExampleSpan>& spans) {
  for (size_t i = 1; i < spans.size(); ++i)
    if (spans[i].begin < spans[i - 1].end) {
      std::string out = "overlapping spans";
      for (const ExampleSpan& s : spans) out += " '" + text.substr(s.begin, s.end - s.begin) + "'";
      return out;
    }
  return "'" + MarkSpans(text, spans) + "'";
}
}  // namespace

std::vector<ExampleSpan> Checker::RuleSpans(std::string_view utf8, std::string_view rule_id) {
  return RuleSpans(utf8, rule_id, &scratch_);
}

std::vector<ExampleSpan> Checker::RuleSpans(std::string_view utf8, std::string_view rule_id, Scratch* scratch) const {
  std::vector<Finding>& findings = scratch->b_->findings;
  std::vector<ExampleSpan> spans;
  Check(utf8, &findings, scratch);
  for (const Finding& f : findings)
    if (rule(f).id == rule_id) spans.push_back(ExampleSpan{f.byte_start, f.byte_end});
  std::sort(spans.begin(), spans.end());
  spans.erase(std::unique(spans.begin(), spans.end()), spans.end());
  return spans;
}

Status Checker::VerifyExamples(const RulePack& pack, bool require_marks) {
  for (int p = 0; p < kPlatformCount; ++p) {
    Options opt;
    opt.platform = static_cast<Platform>(p);
    opt.keep_overlaps = true;
    Checker checker(pack, opt);
    if (!checker.ok()) return Status::Error(checker.error());
    for (const Rule& r : pack.rules()) {
      if (!r.AppliesTo(opt.platform)) continue;
      auto where = [&](const RuleExample& e, const char* field) {
        return r.file + ":" + std::to_string(e.line) + ": rule " + r.id + ": field '" + field + "': example '";
      };
      for (const RuleExample& e : r.flag) {
        std::vector<ExampleSpan> spans = checker.RuleSpans(e.text, r.id);
        if (spans.empty())
          return Status::Error(where(e, "flag") + MarkSpans(e.text, e.spans) + "' is not flagged by this rule on " +
                               PlatformName(opt.platform));
        // Every flag example says what its rule must report, so a rule that fires on the wrong
        // part of a reply fails the build.
        if (e.spans.empty() && require_marks)
          return Status::Error(where(e, "flag") + e.text + "' has no 【】 marks: mark the span the rule must report (the rule reports " +
                               DescribeSpans(e.text, spans) + " on " + PlatformName(opt.platform) +
                               "; chatlint-rulec --annotate-examples marks unmarked examples for you)");
        if (!e.spans.empty() && spans != e.spans)
          return Status::Error(where(e, "flag") + MarkSpans(e.text, e.spans) + "': the rule reports " +
                               DescribeSpans(e.text, spans) + " on " + PlatformName(opt.platform) +
                               " (the 【】 marks must be exactly what it reports)");
      }
      for (const RuleExample& e : r.clean) {
        std::vector<ExampleSpan> spans = checker.RuleSpans(e.text, r.id);
        if (!spans.empty())
          return Status::Error(where(e, "clean") + e.text + "' is flagged by this rule on " +
                               PlatformName(opt.platform) + " (match '" +
                               e.text.substr(spans[0].begin, spans[0].end - spans[0].begin) + "')");
      }
    }
  }
  return Status();
}

}  // namespace chatlint
