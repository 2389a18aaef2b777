#!/usr/bin/env python3
"""Generates chatlint's Unicode tables from Debian's unicode-data package.

Nothing here is committed: CMake runs this at build time and compiles the output.
  --unicode-dir  folder with UnicodeData.txt and Unihan_*.txt(.bz2)  (/usr/share/unicode)
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
Only the BMP's Han blocks (CJK Unified Ideographs and Extension A) are covered: chat
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
    ap.add_argument('--out', required=True)
    args = ap.parse_args()

    seps = separator_ranges(args.unicode_dir)
    simp = simplified(args.unicode_dir)
    syllables, py = pinyin(args.unicode_dir)

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
