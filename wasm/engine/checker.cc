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
constexpr uint32_t kAnyRule = CompiledRules::kAnyRule;

bool IsLatinLetter(char32_t c) { return c >= 'a' && c <= 'z'; }
bool IsAsciiDigit(char32_t c) { return c >= '0' && c <= '9'; }

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
  std::vector<uint8_t> triggered;          // per rule of rules(): a trigger was seen
  std::vector<uint32_t> triggered_rules;   // the rules set in `triggered` (to reset them)
  std::vector<uint64_t> pattern_rules;     // (set << 32 | pattern rule) to look at, in order
  struct Run { const CompiledRules::Pattern* pattern; uint32_t rule; };
  std::vector<Run> runs;  // patterns to run: rule triggered, prefilter passed
  CompiledRules::CharSet charset;  // the message's characters, for the prefilters
  std::string utf8;
  std::vector<uint32_t> byte_to_char;
  std::vector<uint32_t> number_bounds;
  std::vector<NumberScanner::Match> numbers;
  std::vector<Candidate> kept;     // Resolve(): the candidates that win
  std::vector<Finding> findings;  // Fix() and RuleSpans()
};

Checker::Scratch::Scratch() : b_(std::make_unique<Buffers>()) {}
Checker::Scratch::~Scratch() = default;
Checker::Scratch::Scratch(Scratch&&) noexcept = default;
Checker::Scratch& Checker::Scratch::operator=(Scratch&&) noexcept = default;

Checker::Checker(const RulePack& pack, const Options& options)
    : platform_(options.platform), keep_overlaps_(options.keep_overlaps) {
  if (options.compiled != nullptr && options.compiled->platform() == platform_) {
    base_ = options.compiled;
  } else {
    std::vector<const Rule*> rules;
    for (const Rule& r : pack.rules())
      if (r.AppliesTo(platform_)) rules.push_back(&r);
    base_ = CompiledRules::Build(rules, platform_, {}, &status_);
    if (!status_.ok()) return;
  }
  rules_ = base_->rules();
  if (!options.extra_rules.empty() || !options.allow_words.empty()) {
    std::unordered_set<std::string_view> ids;
    for (const Rule* r : rules_) ids.insert(r->id);
    std::vector<const Rule*> extra;
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
      extra.push_back(&copy);
    }
    extra_ = CompiledRules::Build(extra, platform_, options.allow_words, &status_);
    if (!status_.ok()) return;
    rules_.insert(rules_.end(), extra.begin(), extra.end());
  }
  sets_[0] = base_.get();
  sets_[1] = extra_.get();
  offsets_[1] = static_cast<uint32_t>(base_->rules().size());
  for (const CompiledRules* set : sets_) {
    if (set == nullptr) continue;
    has_sound_ = has_sound_ || set->has_sound();
    detect_kinds_ |= set->detect_kinds();
  }
}

Checker::~Checker() = default;

void Checker::Collect(Scratch::Buffers* scratch) const {
  const NormalizedText& nt = scratch->nt;
  std::vector<Candidate>& candidates = scratch->candidates;
  std::vector<Span>& allowed = scratch->allowed;
  std::vector<uint8_t>& triggered = scratch->triggered;
  std::u32string& sound_text = scratch->sound_text;
  std::vector<uint32_t>& sound_origin = scratch->sound_origin;
  std::vector<PinyinIndex::Syllable>& syllables = scratch->syllables;
  std::vector<uint32_t>& positions = scratch->positions;
  std::vector<Scratch::Buffers::Run>& runs = scratch->runs;
  std::string& utf8 = scratch->utf8;
  std::vector<uint32_t>& byte_to_char = scratch->byte_to_char;
  std::vector<uint32_t>& number_bounds = scratch->number_bounds;
  std::vector<NumberScanner::Match>& numbers = scratch->numbers;
  candidates.clear();
  allowed.clear();
  // `triggered` is all zeros between calls (only the entries set are reset, not every rule).
  for (uint32_t r : scratch->triggered_rules) triggered[r] = 0;
  scratch->triggered_rules.clear();
  if (triggered.size() < rules_.size()) triggered.resize(rules_.size(), 0);
  const std::u32string& chars = nt.chars;
  const size_t n = chars.size();

  auto bounded_ok = [&](size_t b, size_t e) {
    if (b > 0 && nt.joined[b] && IsLatinLetter(chars[b - 1])) return false;
    if (e < n && nt.joined[e] && IsLatinLetter(chars[e])) return false;
    return true;
  };
  // A match of entry v of `set`, whose rule indices start at `offset` in rules_.
  auto on_match = [&](const CompiledRules& set, uint32_t offset, size_t b, size_t e, uint32_t v) {
    const CompiledRules::Entry& en = set.entries()[v];
    switch (en.kind) {
      case CompiledRules::Entry::kWord:
        if (en.bounded && !bounded_ok(b, e)) return;
        candidates.push_back(Candidate{static_cast<uint32_t>(b), static_cast<uint32_t>(e), offset + en.rule});
        return;
      case CompiledRules::Entry::kAllow:
        allowed.push_back(Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e), offset + en.rule});
        return;
      case CompiledRules::Entry::kGlobalAllow:
        allowed.push_back(Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e), kAnyRule});
        return;
      case CompiledRules::Entry::kTrigger:
        if (!triggered[offset + en.rule]) {
          triggered[offset + en.rule] = 1;
          scratch->triggered_rules.push_back(offset + en.rule);
        }
        return;
    }
  };
  for (int k = 0; k < 2; ++k) {
    if (const CompiledRules* set = sets_[k]) {
      const uint32_t offset = offsets_[k];
      set->literal().Scan(chars, &positions,
                          [&](size_t b, size_t e, uint32_t v) { on_match(*set, offset, b, e, v); });
    }
  }

  bool sound_needed[2] = {false, false};
  for (int k = 0; k < 2; ++k) sound_needed[k] = sets_[k] && sets_[k]->has_sound() && sets_[k]->MaySound(chars);
  if (sound_needed[0] || sound_needed[1]) {
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
    for (int k = 0; k < 2; ++k) {
      const CompiledRules* set = sets_[k];
      if (!sound_needed[k]) continue;
      const uint32_t offset = offsets_[k];
      set->sound().Scan(sound_text, &positions, [&](size_t b, size_t e, uint32_t v) {
        on_match(*set, offset, sound_origin[b], sound_origin[e], v);
      });
    }
  }

  if (detect_kinds_ != 0) {
    numbers.clear();
    NumberScanner::Scan(nt, detect_kinds_, &number_bounds, &numbers);
    for (const NumberScanner::Match& m : numbers)
      for (int k = 0; k < 2; ++k)
        if (const CompiledRules* set = sets_[k])
          for (const CompiledRules::DetectRule& d : set->detectors())
            if (d.kinds & m.kind) candidates.push_back(Candidate{m.begin, m.end, offsets_[k] + d.rule});
  }

  // The patterns to run: their rule was triggered (a literal, or a long enough digit
  // run) and their literals are in the text. Only the triggered rules are looked at.
  runs.clear();
  std::vector<uint64_t>& pattern_rules = scratch->pattern_rules;
  pattern_rules.clear();
  for (uint32_t r : scratch->triggered_rules) {
    const int k = (sets_[1] != nullptr && r >= offsets_[1]) ? 1 : 0;
    const int32_t pi = sets_[k]->pattern_of_rule(r - offsets_[k]);
    if (pi >= 0) pattern_rules.push_back(uint64_t(k) << 32 | uint32_t(pi));
  }
  for (int k = 0; k < 2; ++k) {
    const CompiledRules* set = sets_[k];
    if (set == nullptr) continue;
    for (uint32_t pi : set->digit_patterns()) {
      const uint32_t rule = set->patterns()[pi].rule;
      if (!triggered[offsets_[k] + rule] && nt.max_digit_run >= static_cast<uint32_t>(set->min_digits()[rule]))
        pattern_rules.push_back(uint64_t(k) << 32 | pi);
    }
  }
  if (!pattern_rules.empty()) {
    std::sort(pattern_rules.begin(), pattern_rules.end());  // the sets' order, as listed
    scratch->charset.Fill(chars);
    for (uint64_t key : pattern_rules) {
      const int k = static_cast<int>(key >> 32);
      const CompiledRules::PatternRule& pr = sets_[k]->patterns()[static_cast<uint32_t>(key)];
      const uint32_t r = offsets_[k] + pr.rule;
      for (size_t p = 0; p < pr.count; ++p)
        if (CompiledRules::MayMatch(CompiledRules::GetPrefilter(pr.patterns[p]), chars, scratch->charset))
          runs.push_back(Scratch::Buffers::Run{&pr.patterns[p], r});
    }
  }
  if (!runs.empty()) {
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

    // Each pattern on its own (RE2 runs its DFA first and extracts groups only on a
    // match). Measured and dropped: one RE2::Set over all patterns (its large DFA
    // thrashes its cache on Chinese text and needs megabytes of heap), and a
    // separate no-submatch pass first (a second DFA per regex: more heap and slower).
    for (const Scratch::Buffers::Run& run : runs)
      if (const RE2* re = CompiledRules::GetRe(*run.pattern)) find_spans(*re, run.rule);
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

namespace {
constexpr std::string_view kMasked = "{masked}";

// `replace` with each {masked} filled in with the match's digits, masked.
std::string FillMasked(const std::string& replace, const NormalizedText& nt, uint32_t begin, uint32_t end) {
  std::string out = replace;
  for (size_t p = out.find(kMasked); p != std::string::npos; p = out.find(kMasked, p)) {
    std::string m = MaskDigits(nt.chars, begin, end);
    out.replace(p, kMasked.size(), m);
    p += m.size();
  }
  return out;
}
}  // namespace

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
  std::vector<Candidate>& kept = scratch->kept;
  kept.clear();
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
    f.fixable = r.has_replace;
    f.text = r.has_replace ? &r.replace : &r.suggestion;
    if (r.has_replace && r.replace.find(kMasked) != std::string::npos) {
      f.filled = FillMasked(r.replace, nt, k.begin, k.end);
      f.filled_in = true;
    }
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
    out += encode(f->suggestion());
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
      [](std::string_view s) { return s; });
}

std::u16string Checker::Fix(std::u16string_view utf16, std::vector<Finding>* applied, Status* status,
                            Scratch* scratch) const {
  std::vector<Finding>& findings = scratch->b_->findings;
  Status s = Check(utf16, &findings, scratch);
  if (status) *status = s;
  return ApplyFixes<std::u16string>(
      utf16.data(), utf16.size(), findings, applied,
      [](const Finding& f) { return std::pair<size_t, size_t>(f.start, f.end); },
      [](std::string_view s) { return Utf16FromUtf8(s); });
}

std::string Checker::Fix(std::string_view utf8, std::vector<Finding>* applied, Status* status) {
  return Fix(utf8, applied, status, &scratch_);
}

std::u16string Checker::Fix(std::u16string_view utf16, std::vector<Finding>* applied, Status* status) {
  return Fix(utf16, applied, status, &scratch_);
}

size_t Checker::Warm(size_t budget) const {
  size_t remaining = 0;
  for (const CompiledRules* set : sets_) {
    if (set == nullptr) continue;
    remaining += set->Warm(&budget);
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
