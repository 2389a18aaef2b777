#!/usr/bin/env python3
"""What the engine reports on every text the project owns, as one line per text.

For an engine rebuild that must not change behaviour (issue 11): record the snapshot before
the change, then compare after it; any difference is a finding to explain.

    python3 tests/bench/findings_snapshot.py [--cli build/chatlint] > after.txt
    python3 tests/bench/findings_snapshot.py --compare tests/data/findings-snapshot.txt

Texts: every labelled reply (tests/data/corpus*.tsv, holdout.tsv, with 【】 marks stripped) on
its platform, and every rule's flag and clean examples on each platform the rule applies to.
Each line: source, platform, then each finding as ruleId@byteStart-byteEnd:severity.
"""
import argparse
import json
import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def labelled(path):
    name = os.path.basename(path)
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if not line or line.startswith('#'):
                continue
            platform, _expected, text = line.split('\t')
            yield f'{name}:{n}', platform, text.replace('【', '').replace('】', '')


def run(cli, platform, texts):
    """Findings of `texts` on `platform`, one list per text, through --jsonl."""
    data = ''.join(json.dumps({'text': t}, ensure_ascii=False) + '\n' for t in texts)
    out = subprocess.run([cli, 'check', '--platform', platform, '--jsonl'], input=data.encode(),
                         capture_output=True, check=False)
    if out.returncode not in (0, 1):
        sys.exit(f'{cli} check --platform {platform}: exit {out.returncode}: {out.stderr.decode()}')
    lines = out.stdout.decode().splitlines()
    if len(lines) != len(texts):
        sys.exit(f'{cli}: {len(lines)} results for {len(texts)} texts on {platform}')
    return [' '.join(f"{f['ruleId']}@{f['byteStart']}-{f['byteEnd']}:{f['severity']}" for f in json.loads(l)['findings'])
            for l in lines]


def snapshot(cli):
    by_platform = {}  # platform -> [(source, text)]
    data = os.path.join(REPO, 'tests', 'data')
    for name in sorted(os.listdir(data)):
        if name.endswith('.tsv') and (name.startswith('corpus') or name == 'holdout.tsv'):
            for source, platform, text in labelled(os.path.join(data, name)):
                by_platform.setdefault(platform, []).append((source, text))
    # The platforms the command line knows, from its usage text ("platforms: pdd, taobao, …").
    usage = subprocess.run([cli, '--help'], capture_output=True)
    usage = usage.stdout.decode() + usage.stderr.decode()
    platforms = usage.split('platforms:')[1].split('\n')[0].replace(',', ' ').split()
    for platform in platforms:
        rules = subprocess.run([cli, 'rules', '--platform', platform], capture_output=True, check=True).stdout.decode()
        for line in rules.splitlines():
            r = json.loads(line)
            for kind in ('flag', 'clean'):
                for i, text in enumerate(r[kind]):
                    by_platform.setdefault(platform, []).append((f"rule:{r['id']}:{kind}:{i}", text))
    out = []
    for platform in sorted(by_platform):
        items = by_platform[platform]
        for (source, _), findings in zip(items, run(cli, platform, [t for _, t in items])):
            out.append(f'{source}\t{platform}\t{findings}')
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--cli', default=os.path.join(REPO, 'build', 'chatlint'))
    ap.add_argument('--compare', help='a recorded snapshot: print the lines that differ, exit 1 if any')
    args = ap.parse_args()
    lines = snapshot(args.cli)
    if not args.compare:
        print('\n'.join(lines))
        return
    with open(args.compare, encoding='utf-8') as f:
        before = {l.rstrip('\n').rsplit('\t', 1)[0]: l.rstrip('\n') for l in f if l.strip()}
    now = {l.rsplit('\t', 1)[0]: l for l in lines}
    differ = [(before.get(k), now.get(k)) for k in sorted(set(before) | set(now)) if before.get(k) != now.get(k)]
    for b, a in differ:
        print(f'- {b}\n+ {a}')
    print(f'{len(now)} texts, {len(differ)} differ from {args.compare}')
    sys.exit(1 if differ else 0)


if __name__ == '__main__':
    main()
