#!/usr/bin/env python3
"""Generates chatlint's Unicode tables from Debian's unicode-data package.

Nothing here is committed: CMake runs this at build time and compiles the output.
  --unicode-dir  folder with UnicodeData.txt and Unihan_*.txt(.bz2)  (/usr/share/unicode)
  --confusables  Unicode's confusables data as shipped by Debian's python3-confusable-homoglyphs
                 (/usr/lib/python3/dist-packages/confusable_homoglyphs/confusables.json)
  --out          the C++ file to write

Tables (all sorted, searched by binary search or folded into the normalizer's table):
  kSeparatorRanges  code points dropped between the characters of a word: spaces,
                    punctuation, symbols and emoji, controls and format characters
                    (zero-width), combining marks. '@' is kept (e-mail addresses).
  kSimplified       traditional -> simplified (Unihan kSimplifiedVariant, first value),
                    except where the character is also its own simplified form. BMP only.
  kPinyin*          toneless pinyin syllable id of the GB 2312 simplified characters
                    (Unihan kGB0: the 6,763 characters chat text is written in; traditional
                    text is folded to simplified before the lookup), from Unihan kMandarin
                    (first reading), over U+3400..U+9FFF as a bitmap with rank counts and
                    the ids of the set bits; kSyllables names the ids ('v' stands for 'ü').
  kCompatibilityForms  a letter or ideograph written in another form -> that letter or
                    ideograph (see compatibility_forms): circled, squared, parenthesized and
                    negative enclosed letters, styled mathematical letters, superscript and
                    subscript letters, small capitals (ᴛʙ), Roman numerals that are one letter,
                    Kangxi radicals, CJK
                    radicals and compatibility ideographs. Runs of consecutive code points with
                    consecutive targets (a styled alphabet) are one entry.
  kLookalikeLetters letters of other scripts that look like one ASCII letter (Cyrillic В Х О Р,
                    Greek ν ο, Latin ɑ ı) -> that letter (see lookalike_letters).
The pinyin tables cover only the BMP's Han blocks (CJK Unified Ideographs and Extension A) are covered: chat
text does not disguise words with rare astral ideographs, and the tables ship inside the
.wasm that every browser downloads, so size matters.
"""
import argparse
import bz2
import os
import sys
import unicodedata

KEEP = {ord('@')}


def open_text(folder, name):
    path = os.path.join(folder, name)
    if os.path.exists(path):
        return open(path, encoding='utf-8')
    if os.path.exists(path + '.bz2'):
        return bz2.open(path + '.bz2', 'rt', encoding='utf-8')
    sys.exit(f'gen_unicode_tables: {path}(.bz2) not found: install Debian package unicode-data')


def separator_ranges(folder):
    cats = {}
    with open_text(folder, 'UnicodeData.txt') as f:
        first = None
        for line in f:
            fields = line.split(';')
            cp = int(fields[0], 16)
            name, cat = fields[1], fields[2]
            if name.endswith(', First>'):
                first = cp
                continue
            if name.endswith(', Last>') and first is not None:
                for c in range(first, cp + 1):
                    cats[c] = cat
                first = None
                continue
            cats[cp] = cat
    drop = sorted(cp for cp, cat in cats.items()
                  if cp not in KEEP and cat[0] in 'PZSM' or cat in ('Cc', 'Cf'))
    drop = [cp for cp in drop if cp not in KEEP]
    ranges = []
    for cp in drop:
        if ranges and ranges[-1][1] + 1 == cp:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return ranges


def unicode_data(folder):
    """{cp: (name, category, decomposition, simple upper, simple lower)} of UnicodeData.txt."""
    data = {}
    with open_text(folder, 'UnicodeData.txt') as f:
        for line in f:
            fields = line.rstrip('\n').split(';')
            if fields[1].startswith('<'):
                continue  # ranges (CJK, Hangul ...): no decompositions of interest
            data[int(fields[0], 16)] = (fields[1], fields[2], fields[5], fields[12], fields[13])
    return data


# Decomposition tags whose result is the same letter written differently. (<wide> is the
# normalizer's WidthFolder; <narrow>, <small>, <vertical>, <fraction>, <isolated>… are not
# letters standing for letters.)
COMPAT_TAGS = {'<font>', '<circle>', '<compat>', '<super>', '<sub>', '<square>'}


def is_target_letter(data, cp):
    """Latin, Greek and Cyrillic letters and Han ideographs: what forbidden words are made of.
    (Hangul and kana compatibility forms stay as they are.)"""
    if 0x3400 <= cp <= 0x9FFF or 0x20000 <= cp <= 0x3FFFF:
        return True
    entry = data.get(cp)
    if entry is None or not entry[1].startswith('L'):
        return False
    return entry[0].startswith(('LATIN ', 'GREEK ', 'CYRILLIC '))


def compatibility_forms(folder, data):
    def full(cp, depth=0):
        """The code point's full (compatibility) decomposition, tags dropped."""
        entry = data.get(cp)
        if entry is None or not entry[2] or depth > 8:
            return [cp]
        parts = entry[2].split()
        if parts[0].startswith('<'):
            parts = parts[1:]
        out = []
        for p in parts:
            out += full(int(p, 16), depth + 1)
        return out

    table = {}
    for cp, (name, cat, decomp, _, _) in data.items():
        if not decomp or 0xFF01 <= cp <= 0xFF5E:
            continue
        tag = decomp.split()[0] if decomp.startswith('<') else None
        if tag is not None and tag not in COMPAT_TAGS:
            continue
        if tag is None and len(decomp.split()) != 1:
            continue  # canonical: only singletons (é is e + a mark, not a disguise)
        target = full(cp)
        # ⒱ is (v), 🄥 is (v) too, ⒜-style forms carry their parentheses; ⒈ its full stop.
        if len(target) == 3 and target[0] == ord('(') and target[2] == ord(')'):
            target = target[1:2]
        if len(target) != 1 or target[0] == cp:
            continue
        if not is_target_letter(data, target[0]):
            continue  # digits are DigitFolder's; ™, ㎏, ǆ are several letters
        table[cp] = target[0]
    # Negative (white on black) enclosed letters and small capitals (ᴛʙ, the "fancy text"
    # generators' alphabet) have no decomposition: their names say the letter.
    for cp, (name, cat, decomp, _, _) in data.items():
        words = name.split()
        if (not decomp and cat == 'So' and len(words) >= 5 and words[-4:-1] in (['LATIN', 'CAPITAL', 'LETTER'], ['LATIN', 'SMALL', 'LETTER'])
                and len(words[-1]) == 1 and words[0] in ('NEGATIVE', 'CIRCLED', 'SQUARED', 'PARENTHESIZED')):
            table[cp] = ord(words[-1]) if words[-3] == 'CAPITAL' else ord(words[-1].lower())
        if (not decomp and cat.startswith('L') and len(words) == 5 and words[:4] == ['LATIN', 'LETTER', 'SMALL', 'CAPITAL']
                and len(words[4]) == 1):
            table[cp] = ord(words[4].lower())
    # CJK radicals (supplement and Kangxi) -> the ideograph they are drawn as. Strokes (U+31C0..)
    # are pieces of characters, not characters, and stay as they are.
    with open_text(folder, 'EquivalentUnifiedIdeograph.txt') as f:
        for line in f:
            line = line.split('#')[0].strip()
            if not line:
                continue
            src, dst = (x.strip() for x in line.split(';'))
            dst_cp = int(dst, 16)
            first, _, last = src.partition('..')
            for cp in range(int(first, 16), int(last or first, 16) + 1):
                if 0x2E80 <= cp <= 0x2FDF:
                    table.setdefault(cp, dst_cp)
    return sorted(table.items())


# Cyrillic ve looks like B but is the letter V: agents write ВХ for VX (issue 10). No forbidden
# word is written with a Cyrillic В standing for B.
LOOKALIKE_OVERRIDES = {0x0412: ord('v'), 0x0432: ord('v')}
# East Asian scripts keep their letters: a kana or a bopomofo letter that looks like a Latin one
# is ordinary Chinese or Japanese text, not a disguise.
LOOKALIKE_SKIP = ('CJK ', 'HIRAGANA ', 'KATAKANA ', 'HANGUL ', 'BOPOMOFO ', 'YI ', 'KANGXI ', 'IDEOGRAPHIC ')


def lookalike_letters(path, data, compat):
    """Non-ASCII letters whose confusable is one ASCII letter. A capital listed without one
    takes its small letter's (Ԛ as ԛ). Digits are not targets: Russian З and б
    look like 3 and 6, and Russian words must not turn into numbers."""
    import json
    if not os.path.exists(path):
        sys.exit(f'gen_unicode_tables: {path} not found: install Debian package python3-confusable-homoglyphs')
    with open(path, encoding='utf-8') as f:
        confusables = json.load(f)

    def ascii_letter(cp):
        for entry in confusables.get(chr(cp), []):
            c = entry['c']
            if len(c) == 1 and c.isascii() and c.isalpha():
                return ord(c.lower())
        return None

    compat_keys = {cp for cp, _ in compat}
    table = {}
    for cp, (name, cat, decomp, upper, lower) in data.items():
        if cp < 0x80 or not cat.startswith('L') or cp in compat_keys or name.startswith(LOOKALIKE_SKIP):
            continue
        if decomp:
            continue  # é is its own letter; ｖ and 𝐯 are compatibility forms (WidthFolder, kCompatibilityForms)
        target = ascii_letter(cp)
        if target is None and lower:
            target = ascii_letter(int(lower, 16))  # Ԛ as its small ԛ (not the reverse: Greek μ is not M)
        if target is not None:
            table[cp] = target
    table.update(LOOKALIKE_OVERRIDES)
    return sorted(table.items())


def runs(pairs):
    """[(cp, target)] -> [(first, count, target of first)] merging consecutive mappings."""
    out = []
    for cp, t in pairs:
        if out and out[-1][0] + out[-1][1] == cp and out[-1][2] + out[-1][1] == t and out[-1][1] < 2047:
            out[-1][1] += 1
        else:
            out.append([cp, 1, t])
    return out


def emit_runs(out, name, pairs):
    rs = runs(pairs)
    out.append(f'const CodeRun {name}[] = {{')
    out += [f'  {{0x{a:X} | ({n - 1}u << 21), 0x{t:X}}},' for a, n, t in rs]
    out.append('};')
    out.append(f'const size_t {name}Count = {len(rs)};\n')


def parse_cp(tok):
    return int(tok.split('<')[0][2:], 16)


def simplified(folder):
    table = {}
    with open_text(folder, 'Unihan_Variants.txt') as f:
        for line in f:
            if not line.startswith('U+'):
                continue
            cp, field, value = line.rstrip('\n').split('\t')
            if field != 'kSimplifiedVariant':
                continue
            src = parse_cp(cp)
            targets = [parse_cp(t) for t in value.split()]
            if src in targets:
                continue  # also a simplified character itself (e.g. 乾, 著)
            if src < 0x10000 and targets[0] < 0x10000:
                table[src] = targets[0]
    return sorted(table.items())


TONES = str.maketrans('āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ', 'aaaaeeeeiiiioooouuuuvvvvvnnnm')


def common_han(folder):
    """GB 2312 characters (kGB0)."""
    chars = set()
    with open_text(folder, 'Unihan_OtherMappings.txt') as f:
        for line in f:
            if line.startswith('U+'):
                cp, field, _ = line.split('\t', 2)
                if field == 'kGB0':
                    chars.add(parse_cp(cp))
    return chars


def pinyin(folder):
    common = common_han(folder)
    table = {}
    with open_text(folder, 'Unihan_Readings.txt') as f:
        for line in f:
            if not line.startswith('U+'):
                continue
            cp, field, value = line.rstrip('\n').split('\t')
            if field != 'kMandarin':
                continue
            syl = value.split()[0].translate(TONES)
            if syl.isascii() and syl.isalpha() and parse_cp(cp) in common:
                table[parse_cp(cp)] = syl
    syllables = sorted(set(table.values()))
    ids = {s: i for i, s in enumerate(syllables)}
    return syllables, sorted((cp, ids[s]) for cp, s in table.items())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--unicode-dir', default='/usr/share/unicode')
    ap.add_argument('--confusables', default='/usr/lib/python3/dist-packages/confusable_homoglyphs/confusables.json')
    ap.add_argument('--out', required=True)
    args = ap.parse_args()

    seps = separator_ranges(args.unicode_dir)
    simp = simplified(args.unicode_dir)
    syllables, py = pinyin(args.unicode_dir)
    data = unicode_data(args.unicode_dir)
    compat = compatibility_forms(args.unicode_dir, data)
    lookalike = lookalike_letters(args.confusables, data, compat)

    out = ['// Generated by wasm/tools/gen_unicode_tables.py from Debian unicode-data. Do not edit.',
           '#include "unicode_tables.h"', '', 'namespace chatlint {', '']
    out.append('const CodeRange kSeparatorRanges[] = {')
    out += [f'  {{0x{a:X}, 0x{b:X}}},' for a, b in seps]
    out.append('};')
    out.append(f'const size_t kSeparatorRangeCount = {len(seps)};\n')
    out.append('const CodePair16 kSimplified[] = {')
    out += [f'  {{0x{a:X}, 0x{b:X}}},' for a, b in simp]
    out.append('};')
    out.append(f'const size_t kSimplifiedCount = {len(simp)};\n')
    emit_runs(out, 'kCompatibilityForms', compat)
    emit_runs(out, 'kLookalikeLetters', lookalike)
    first, end = 0x3400, 0xA000
    ids = {cp: sid for cp, sid in py if first <= cp < end}
    words = (end - first + 63) // 64
    bits = [0] * words
    for cp in ids:
        bits[(cp - first) >> 6] |= 1 << ((cp - first) & 63)
    rank, total = [], 0
    for w in bits:
        rank.append(total)
        total += bin(w).count('1')
    ordered = [ids[cp] for cp in sorted(ids)]
    out.append('const uint64_t kPinyinBits[] = {')
    for i in range(0, words, 6):
        out.append('  ' + ','.join(f'0x{w:X}ull' for w in bits[i:i + 6]) + ',')
    out.append('};')
    out.append('const uint16_t kPinyinRank[] = {')
    for i in range(0, words, 24):
        out.append('  ' + ','.join(str(v) for v in rank[i:i + 24]) + ',')
    out.append('};')
    out.append('const uint16_t kPinyinIds[] = {')
    for i in range(0, len(ordered), 24):
        out.append('  ' + ','.join(str(v) for v in ordered[i:i + 24]) + ',')
    out.append('};\n')
    out.append('const char* const kSyllables[] = {')
    out += [f'  "{s}",' for s in syllables]
    out.append('};')
    out.append(f'const size_t kSyllableCount = {len(syllables)};\n')
    out.append('}  // namespace chatlint')
    tmp = args.out + '.tmp'
    with open(tmp, 'w', encoding='utf-8') as f:
        f.write('\n'.join(out) + '\n')
    os.replace(tmp, args.out)


if __name__ == '__main__':
    main()
